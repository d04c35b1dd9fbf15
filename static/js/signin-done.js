// Runs in the sign-in popup once the sign-in is recorded: tells the iframe that opened us (when
// the identity provider's pages left `window.opener` intact) and closes. The iframe also polls,
// so nothing depends on this message arriving.
(function () {
  "use strict";
  try {
    if (window.opener) {
      window.opener.postMessage({ type: "crmlens:signed-in" }, location.origin);
    }
  } catch (ignored) {
    // A severed or cross-origin opener: the iframe's polling finds the handoff.
  }
  setTimeout(function () { window.close(); }, 1500);
})();
