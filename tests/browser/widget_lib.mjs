// Shared steps of the widget scenarios: sign in inside a crmlens iframe on a CRM page (popup,
// as a rep would), wait for a card state, screenshot an element into docs/screenshots.
import { expect } from "./lib.mjs";

/** The crmlens frame (Frame object) inside `page` whose iframe matches `selector`. */
export async function crmlensFrame(page, selector = "iframe[data-crmlens-frame]") {
  const handle = await page.locator(selector).first().elementHandle({ timeout: 30000 });
  const frame = await handle.contentFrame();
  expect(frame, `a crmlens frame at ${selector}`);
  return frame;
}

/** Signs in through the "Sign in" button inside `frame` (a popup with the password form). */
export async function signInFromFrame(context, frame, email, password) {
  await frame.locator("[data-crmlens-signin]").waitFor({ timeout: 30000 });
  const [popup] = await Promise.all([
    context.waitForEvent("page"),
    frame.locator("[data-crmlens-signin]").click(),
  ]);
  await popup.waitForLoadState();
  await popup.fill("#email", email);
  await popup.fill("#password", password);
  await popup.click("button[type=submit]");
}

/** Waits until the card inside `frame` shows one of `states` (its `data-state`); returns it. */
export async function cardState(frame, states, timeout = 30000) {
  const selector = states.map((s) => `#card .card[data-state="${s}"]`).join(", ");
  const card = frame.locator(selector).first();
  await card.waitFor({ timeout });
  return card.getAttribute("data-state");
}

/** Saves a PNG of `locator` as docs/screenshots/<name>.png when SCREENSHOTS names the folder. */
export async function shoot(locator, name) {
  const folder = process.env.SCREENSHOTS;
  if (!folder) return;
  await locator.screenshot({ path: `${folder}/${name}.png`, animations: "disabled" });
}
