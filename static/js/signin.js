// Sign-in from inside a CRM iframe (docs: README, "How sign-in works inside the iframe").
//
// A button `<button type="button" data-crmlens-signin="/auth/signin?tenant=SLUG">` opens the
// sign-in page as a top-level popup (identity providers refuse to be framed; a top-level page
// has cookies). This script holds a random secret and passes only its SHA-256 to the popup.
// When the sign-in finishes, the server keeps a one-time handoff bound to that hash; this
// script redeems it with the secret and so receives its own session cookie in the iframe's
// partitioned cookie jar, then reloads the iframe (not the CRM page; the URL fragment that
// carries the CRM values survives a reload).
//
// The popup tells us it is done with postMessage when `window.opener` survives the identity
// provider's pages; many set Cross-Origin-Opener-Policy and sever it, so we also poll (at once
// when the popup reads as closed, which is how a severed popup looks from here).
(function () {
  "use strict";

  var POLL_MS = 1000;
  var POLL_ANYWAY_AFTER_MS = 30 * 1000;
  var GIVE_UP_MS = 10 * 60 * 1000;
  var SIGNED_IN_MESSAGE = "crmlens:signed-in";

  function base64url(bytes) {
    var text = "";
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer), function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  }

  // A secret and its hash, made ahead of the click so the popup opens within the click itself
  // (browsers block popups opened after an await).
  function newHandoff() {
    var secret = base64url(crypto.getRandomValues(new Uint8Array(32)));
    var hash = crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)).then(hex);
    return { secret: secret, hash: hash };
  }

  var prepared = null;
  var preparedHash = null;

  function prepare() {
    prepared = newHandoff();
    preparedHash = null;
    prepared.hash.then(function (hash) { preparedHash = hash; });
  }

  function redeem(secret) {
    return fetch("/auth/handoff/redeem", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ secret: secret }).toString(),
    }).then(function (response) { return response.status === 200; }, function () { return false; });
  }

  // How the sign-in reached this iframe (message or poll), for diagnostics and the browser
  // tests. Kept in the frame's name, which survives the reload; storage is no use here, since
  // browsers that block third-party cookies also block storage in cross-site iframes.
  function remember(via) {
    window.name = "crmlens-signin-via:" + via;
  }

  function say(button, text) {
    var note = button.parentNode.querySelector("[data-crmlens-signin-status]");
    if (!note) {
      note = document.createElement("p");
      note.setAttribute("data-crmlens-signin-status", "");
      note.setAttribute("role", "status");
      button.insertAdjacentElement("afterend", note);
    }
    note.textContent = text;
  }

  function start(button) {
    if (!preparedHash) {
      say(button, "Preparing sign-in… please click again.");
      return;
    }
    var secret = prepared.secret;
    var url = new URL(button.getAttribute("data-crmlens-signin"), location.origin);
    url.searchParams.set("handoff", preparedHash);
    prepare();
    var popup = window.open(url.toString(), "crmlens-signin", "popup,width=520,height=680");
    if (!popup) {
      say(button, "Your browser blocked the sign-in window. Allow pop-ups for this page and try again.");
      return;
    }
    say(button, "Finish signing in in the window that opened.");
    var done = false;
    var busy = false;
    var started = Date.now();
    function attempt(via) {
      if (done || busy) return;
      busy = true;
      redeem(secret).then(function (signedIn) {
        busy = false;
        if (signedIn && !done) {
          done = true;
          clearInterval(timer);
          window.removeEventListener("message", onMessage);
          remember(via);
          location.reload();
        }
      });
    }
    function onMessage(event) {
      if (event.origin !== location.origin || event.source !== popup) return;
      if (event.data && event.data.type === SIGNED_IN_MESSAGE) attempt("message");
    }
    window.addEventListener("message", onMessage);
    var timer = setInterval(function () {
      var waited = Date.now() - started;
      if (waited > GIVE_UP_MS) {
        clearInterval(timer);
        window.removeEventListener("message", onMessage);
        if (!done) say(button, "Sign-in timed out. Click Sign in to try again.");
        return;
      }
      // While the popup is open and still ours, its message will come; once it is closed, or
      // cut off by Cross-Origin-Opener-Policy (it then reads as closed), only polling can tell.
      // After a while, poll anyway in case the message was lost.
      if (popup.closed || waited > POLL_ANYWAY_AFTER_MS) attempt("poll");
    }, POLL_MS);
  }

  prepare();
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-crmlens-signin]");
    if (!button) return;
    event.preventDefault();
    start(button);
  });
})();
