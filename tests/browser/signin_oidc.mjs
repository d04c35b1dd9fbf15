// OpenID Connect sign-in (node-oidc-provider) from inside a cross-site CRM iframe, third-party
// cookies blocked. The provider signs "alice" in without a form.
import { runScenario } from "./lib.mjs";
import { signInInsideIframe } from "./signin_flow.mjs";

await runScenario((context) =>
  signInInsideIframe(context, async (popup) => {
    await popup.click("text=OpenID Connect");
  }),
);
