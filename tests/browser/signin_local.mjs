// Local password sign-in from inside a cross-site CRM iframe, third-party cookies blocked.
import { runScenario, requireEnv } from "./lib.mjs";
import { signInInsideIframe } from "./signin_flow.mjs";

await runScenario((context) =>
  signInInsideIframe(context, async (popup) => {
    await popup.fill("#email", requireEnv("CRMLENS_EMAIL"));
    await popup.fill("#password", requireEnv("CRMLENS_PASSWORD"));
    await popup.click("button[type=submit]");
  }),
);
