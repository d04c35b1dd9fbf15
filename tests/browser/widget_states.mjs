// Screenshots of the card states that need no CRM page: signed out, no seat, CRM org not set
// up, loading skeleton and error, in both themes, 300 px wide (the CRM side panel).
import { runScenario, requireEnv, launchBlockingThirdPartyCookies } from "./lib.mjs";
import { shoot } from "./widget_lib.mjs";

const crmlens = requireEnv("CRMLENS_URL");
const THEMES = [["salesforce", requireEnv("SALESFORCE_ORG")], ["dynamics", requireEnv("DYNAMICS_ORG")]];
const FRAGMENT = "#first_name=Ada&last_name=Lovelace&company=Analytical%20Engines&object=lead";

async function signIn(page, email) {
  await page.goto(`${crmlens}/auth/signin?tenant=demo`);
  await page.fill("#email", email);
  await page.fill("#password", requireEnv("PASSWORD"));
  await page.click("button[type=submit]");
  await page.waitForLoadState();
}

let visit = 0;
async function widget(page, crm, org) {
  visit += 1; // a different URL each time: the same URL with a fragment would not reload
  await page.goto(`${crmlens}/embed/member?crm=${crm}&org=${org}&visit=${visit}${FRAGMENT}`);
  return page.locator("#card");
}

await runScenario(async (context) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 300, height: 400 });
  for (const [crm, org] of THEMES) {
    await shoot(await widget(page, crm, org), `${crm}-signed-out`);
    await shoot(await widget(page, crm, "not-a-linked-org"), `${crm}-not-set-up`);
  }
  await signIn(page, requireEnv("REP_EMAIL"));
  for (const [crm, org] of THEMES) {
    await page.route("**/embed/member/card", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.continue().catch(() => {});
    });
    await page.goto(`${crmlens}/embed/member?crm=${crm}&org=${org}&shot=loading${FRAGMENT}`);
    await page.locator("#card .card-skeleton").waitFor();
    await shoot(page.locator("#card"), `${crm}-loading`);
    await page.unroute("**/embed/member/card");
    await page.route("**/embed/member/card", (route) => route.abort());
    await page.goto(`${crmlens}/embed/member?crm=${crm}&org=${org}&shot=error${FRAGMENT}`);
    await page.locator("#card .tone-error").waitFor();
    await shoot(page.locator("#card"), `${crm}-error`);
    await page.unroute("**/embed/member/card");
  }
  const other = await launchBlockingThirdPartyCookies();
  try {
    const noSeat = await other.context.newPage();
    await noSeat.setViewportSize({ width: 300, height: 400 });
    await signIn(noSeat, requireEnv("NOSEAT_EMAIL"));
    for (const [crm, org] of THEMES) {
      const card = await widget(noSeat, crm, org);
      await noSeat.locator("#card", { hasText: "No crmlens seat" }).waitFor();
      await shoot(card, `${crm}-no-seat`);
    }
  } finally {
    await other.close();
  }
  return {};
});
