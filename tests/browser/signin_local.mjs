// Local password sign-in from inside a cross-site CRM iframe, third-party cookies blocked.
// With SEVER_OPENER=1 the popup first visits a page with Cross-Origin-Opener-Policy: same-origin
// (as many identity providers' pages are), which cuts `window.opener`: the iframe must then
// learn of the sign-in by polling.
import { runScenario, requireEnv } from "./lib.mjs";
import { signInInsideIframe } from "./signin_flow.mjs";

await runScenario((context) =>
  signInInsideIframe(context, async (popup) => {
    if (process.env.SEVER_OPENER === "1") {
      const signInUrl = popup.url();
      await popup.goto(`${requireEnv("CRMLENS_URL")}/healthz`);
      await popup.goto(signInUrl);
    }
    await popup.fill("#email", requireEnv("CRMLENS_EMAIL"));
    await popup.fill("#password", requireEnv("CRMLENS_PASSWORD"));
    await popup.click("button[type=submit]");
  }),
);
