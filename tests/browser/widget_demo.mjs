// The demo CRM (second origin) loads crmlens cards through embed.js; a rep signs in inside the
// iframe, corrects a namesake pick-list; the choice survives a reload and a second rep (another
// browser profile) sees it. Screenshots of the states in both themes go to SCREENSHOTS.
import { runScenario, launchBlockingThirdPartyCookies, requireEnv, expect } from "./lib.mjs";
import { crmlensFrame, signInFromFrame, cardState, shoot } from "./widget_lib.mjs";

const demo = requireEnv("DEMO_URL");
const password = requireEnv("PASSWORD");

async function recordLink(page, crm, situation) {
  await page.goto(`${demo}/${crm}`);
  const row = page.locator("tr", { hasText: situation }).first();
  return row.locator("a").getAttribute("href");
}

async function openRecord(page, href) {
  await page.goto(`${demo}${href}`);
  return crmlensFrame(page, "#side-card iframe");
}

await runScenario(async (context) => {
  const page = await context.newPage();
  const namesake = await recordLink(page, "salesforce", "namesakes");
  let frame = await openRecord(page, namesake);
  await frame.locator("[data-crmlens-signin]").waitFor({ timeout: 30000 });
  await shoot(page.locator("#side-card iframe"), "salesforce-signed-out");
  await signInFromFrame(context, frame, requireEnv("REP_EMAIL"), password);
  frame = await crmlensFrame(page, "#side-card iframe");
  const first = await cardState(frame, ["ambiguous", "matched", "no-match"]);
  let current = null;
  if (first === "ambiguous") {
    await shoot(page.locator("#side-card iframe"), "salesforce-ambiguous");
  } else {
    // The engine was confident after all: correct it through "Not the right person?".
    current = await frame.locator("#card .card").getAttribute("data-entity");
    await frame.locator("#card button", { hasText: "Not the right" }).click();
    await frame.locator('#card .card[data-state="picking"]').waitFor();
  }
  const entities = await frame.locator(".candidate").evaluateAll((els) => els.map((e) => e.dataset.entity));
  const index = entities.findIndex((e) => e !== current);
  expect(index >= 0, `the pick-list offers someone else (${entities})`);

  // Keyboard: focus a candidate and choose it with Enter.
  const candidate = frame.locator(".candidate").nth(index);
  const chosen = await candidate.getAttribute("data-entity");
  await candidate.focus();
  await page.keyboard.press("Enter");
  await frame.locator(`#card .card[data-entity="${chosen}"]`).waitFor();
  const saved = await frame.locator("#card .notice").textContent();
  expect(saved.includes("Saved for everyone"), `the pick was saved (${saved})`);
  const focused = await frame.evaluate(() => document.activeElement && document.activeElement.className);
  expect(focused.includes("card-title"), `focus moved to the new card's heading (${focused})`);
  await shoot(page.locator("#side-card iframe"), "salesforce-override");

  await page.reload();
  frame = await crmlensFrame(page, "#side-card iframe");
  await frame.locator(`#card .card[data-entity="${chosen}"]`).waitFor();
  const step = await frame.locator("#card .step").textContent();
  expect(step === "Manual choice", `after a reload the card says it was a manual choice (${step})`);

  // Other states, Lightning theme.
  for (const [situation, name] of [["clean match", "salesforce-matched"], ["not in the directory", "salesforce-no-match"]]) {
    frame = await openRecord(page, await recordLink(page, "salesforce", situation));
    await cardState(frame, ["matched", "ambiguous", "no-match"]);
    await shoot(page.locator("#side-card iframe"), name);
  }
  // A company card in the wide main-column layout.
  await page.goto(`${demo}/salesforce`);
  const accountRow = page.locator("tr").filter({ has: page.locator("td.object", { hasText: /^account$/ }) })
    .filter({ hasText: "clean match" }).first();
  await page.goto(`${demo}${await accountRow.locator("a").getAttribute("href")}`);
  frame = await crmlensFrame(page, "#main-card iframe");
  await cardState(frame, ["matched", "ambiguous", "no-match"]);
  await shoot(page.locator("#main-card iframe"), "salesforce-company-wide");
  // Dynamics theme.
  for (const [situation, name] of [["namesakes", "dynamics-ambiguous"], ["clean match", "dynamics-matched"], ["not in the directory", "dynamics-no-match"]]) {
    const href = await recordLink(page, "dynamics", situation).catch(() => null);
    if (!href) continue;
    frame = await openRecord(page, href);
    const state = await cardState(frame, ["matched", "ambiguous", "no-match", "marked-none"]);
    expect(await frame.locator("body.theme-dynamics").count() === 1, "Dynamics records get the Fluent theme");
    await shoot(page.locator("#side-card iframe"), name);
    void state;
  }

  // A second rep, in another browser profile, sees the correction.
  const second = await launchBlockingThirdPartyCookies();
  try {
    const other = await second.context.newPage();
    let otherFrame = await (async () => {
      await other.goto(`${demo}${namesake}`);
      return crmlensFrame(other, "#side-card iframe");
    })();
    await signInFromFrame(second.context, otherFrame, requireEnv("REP2_EMAIL"), password);
    otherFrame = await crmlensFrame(other, "#side-card iframe");
    await otherFrame.locator(`#card .card[data-entity="${chosen}"]`).waitFor({ timeout: 30000 });
    const provenance = await otherFrame.locator("#card .provenance").textContent();
    expect(provenance.includes("Picked by Demo Rep"), `the second rep sees who picked it (${provenance})`);
    return { chosen, provenance };
  } finally {
    await second.close();
  }
});
