/*!
 * crmlens widget document script. Reads the record context and CRM values from this document's
 * URL fragment (embed.js puts them there: browsers never send a fragment to a server, nor put it
 * in a Referer) into the hidden #ctx form that every HTMX action includes in its POST body.
 * Reports the document height to the framing CRM page, to that page's exact origin only.
 */
(function () {
  "use strict";
  var FIELDS = ["crm", "org", "object", "record_id", "first_name", "last_name", "company", "title",
    "email", "name", "industry", "location", "website"];
  var MAX_VALUE = 500;
  var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  var ctx = document.getElementById("ctx");
  var card = document.getElementById("card");

  function fillContext() {
    if (!ctx) { return; }
    FIELDS.forEach(function (name) {
      var value = params.get(name);
      if (value === null || ctx.querySelector("input[name='" + name + "']")) { return; }
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value.slice(0, MAX_VALUE);
      ctx.appendChild(input);
    });
  }

  function hostOrigin() {
    var claimed = params.get("host_origin");
    if (!claimed || window.parent === window) { return null; }
    try {
      var url = new URL(claimed);
      return url.origin === claimed ? claimed : null;
    } catch (e) {
      return null;
    }
  }

  function reportHeight(origin) {
    var last = 0;
    function send() {
      var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height === last) { return; }
      last = height;
      window.parent.postMessage({ type: "crmlens:resize", height: height, frame_id: params.get("frame_id") }, origin);
    }
    new ResizeObserver(send).observe(document.documentElement);
    send();
  }

  function showError() {
    var template = document.getElementById("crmlens-error");
    if (!template || !card) { return; }
    card.replaceChildren(template.content.cloneNode(true));
  }

  function retry() {
    var kind = ctx ? ctx.getAttribute("data-kind") : null;
    if (!kind || !window.htmx) { return; }
    window.htmx.ajax("POST", "/embed/" + kind + "/card", { source: ctx, target: card, swap: "innerHTML" });
  }

  fillContext();
  var layout = params.get("layout");
  if (layout === "side" || layout === "wide") { document.documentElement.setAttribute("data-layout", layout); }
  var origin = hostOrigin();
  if (origin) { reportHeight(origin); }

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-crmlens-retry]")) { retry(); }
  });
  document.addEventListener("htmx:responseError", showError);
  document.addEventListener("htmx:sendError", showError);
  // After a rep's action swaps the card, move focus to its heading (never on the first load:
  // that would steal focus from the CRM page). The acting element is replaced by the swap, so
  // note the intent before the request and act when the card's content changes.
  var focusNext = false;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var detail = event.detail || {};
    var target = detail.target || (detail.requestConfig && detail.requestConfig.target);
    focusNext = target === card && detail.elt !== card;
  });
  if (card) {
    new MutationObserver(function () {
      if (!focusNext) { return; }
      var heading = card.querySelector(".card-title[tabindex='-1']");
      if (heading) { focusNext = false; heading.focus(); }
    }).observe(card, { childList: true });
  }
})();
