// SAML sign-in (pysaml2 IdP, HTTP-Redirect request, HTTP-POST response) from inside a
// cross-site CRM iframe, third-party cookies blocked. The IdP signs "alice" in without a form.
import { runScenario } from "./lib.mjs";
import { signInInsideIframe } from "./signin_flow.mjs";

await runScenario((context) =>
  signInInsideIframe(context, async (popup) => {
    await popup.click("text=SAML");
  }),
);
