// Shared steps of the iframe sign-in scenarios: open the CRM page, click "Sign in" inside the
// cross-site crmlens iframe, let `signIn(popup)` finish the sign-in in the popup, then check the
// iframe reloaded itself signed in (fragment intact, CRM page not reloaded) and that the
// session survives a later visit to the CRM page (it lives in the iframe's partitioned jar).
import { requireEnv, expect } from "./lib.mjs";
import { startCrmPage } from "./crm_page.mjs";

export async function signInInsideIframe(context, signIn) {
  const crmlens = requireEnv("CRMLENS_URL");
  const tenant = requireEnv("CRMLENS_TENANT");
  const crmPort = Number(requireEnv("CRM_PORT"));
  const frameUrl = `${crmlens}/auth/status?tenant=${tenant}#first_name=Ada&last_name=Lovelace`;
  const { server, url } = await startCrmPage(crmPort, frameUrl);
  try {
    const log = [];
    context.on("console", (message) => log.push(`console: ${message.text()}`));
    context.on("response", (response) => log.push(`${response.status()} ${response.request().method()} ${response.url()}`));
    context.on("requestfailed", (request) => log.push(`failed ${request.url()} ${request.failure()?.errorText}`));
    const page = await context.newPage();
    await page.goto(url);
    await page.evaluate(() => { window.__crmMarker = "not reloaded"; });
    const frame = page.frameLocator("#crmlens");
    await frame.locator("#crmlens-status[data-signed-in=false]").waitFor();
    const [popup] = await Promise.all([
      context.waitForEvent("page"),
      frame.locator("[data-crmlens-signin]").click(),
    ]);
    await popup.waitForLoadState();
    await signIn(popup);
    const user = frame.locator("#crmlens-user");
    try {
      await user.waitFor({ timeout: 30000 });
    } catch (error) {
      const popupUrl = popup.isClosed() ? "closed" : popup.url();
      throw new Error(`the iframe did not become signed in (popup: ${popupUrl})\n${log.join("\n")}`);
    }
    const name = await user.textContent();
    const marker = await page.evaluate(() => window.__crmMarker);
    expect(marker === "not reloaded", "the CRM page was not reloaded");
    const iframe = page.frames().find((f) => f.url().startsWith(crmlens));
    const iframeUrl = iframe.url();
    const via = (await iframe.evaluate(() => window.name)).replace("crmlens-signin-via:", "");
    expect(iframeUrl.includes("#first_name=Ada"), `the fragment survived the reload (${iframeUrl})`);

    // A later visit to the CRM page: the iframe is still signed in.
    await page.goto(url);
    await page.frameLocator("#crmlens").locator("#crmlens-user").waitFor({ timeout: 15000 });
    return { name, iframe_url: iframeUrl, via };
  } finally {
    server.close();
  }
}
