/*!
 * crmlens embed.js — the loader a CRM page includes once.
 *
 *   <script src="https://crmlens.example.com/embed.js" defer></script>
 *   <div data-crmlens="member" data-crm="salesforce" data-org="00D…" data-object="lead"
 *        data-record-id="00Q…" data-first-name="Jane" data-last-name="Doe"
 *        data-company="Acme" data-title="VP Sales" data-email="jane@acme.com"></div>
 *   <div data-crmlens="company" data-crm="dynamics" data-org="contoso" data-object="account"
 *        data-record-id="…" data-name="Acme" data-industry="…" data-location="…" data-website="…"></div>
 *
 * Each tag becomes a sandboxed iframe. CRM values travel only in the iframe URL's fragment, which
 * browsers never send to a server nor put in a Referer (the iframe also has referrerpolicy
 * no-referrer); the widget reads it and POSTs the values. Only the CRM org (`crm`, `org`: which
 * organization, never record data) is in the query, so the server knows the tenant, and hence
 * which origins may frame the widget, before the document loads. Tags added later (Lightning and Unified Interface are single-page apps)
 * are picked up by a MutationObserver; a tag whose record changes is mounted again.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var CRMLENS_ORIGIN = new URL(script.src).origin;
  var FIELDS = {
    member: ["first_name", "last_name", "company", "title", "email"],
    company: ["name", "industry", "location", "website"]
  };
  var CONTEXT = ["crm", "org", "object", "record_id", "layout"];
  var MIN_HEIGHT = 96, MAX_HEIGHT = 2000, INITIAL_HEIGHT = 184;
  var frames = new Map(); // iframe contentWindow -> iframe

  function dataName(field) { return field.replace(/_/g, "-"); }
  function dataValue(el, field) {
    var value = el.getAttribute("data-" + dataName(field));
    return value === null ? "" : value.trim();
  }
  function signature(el) {
    var kind = el.getAttribute("data-crmlens");
    var fields = (FIELDS[kind] || []).concat(CONTEXT);
    return kind + "|" + fields.map(function (f) { return dataValue(el, f); }).join("|");
  }
  function randomId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function mount(el) {
    var kind = el.getAttribute("data-crmlens");
    if (!FIELDS[kind]) { return; }
    var sig = signature(el);
    if (el.__crmlensSignature === sig) { return; }
    el.__crmlensSignature = sig;
    var params = new URLSearchParams();
    FIELDS[kind].concat(CONTEXT).forEach(function (field) {
      var value = dataValue(el, field);
      if (value) { params.set(field, value); }
    });
    var target = new URLSearchParams();
    ["crm", "org"].forEach(function (field) {
      var value = dataValue(el, field);
      if (value) { target.set(field, value); }
    });
    params.set("host_origin", window.location.origin);
    params.set("frame_id", randomId());
    var iframe = document.createElement("iframe");
    iframe.src = CRMLENS_ORIGIN + "/embed/" + kind + "?" + target.toString() + "#" + params.toString();
    iframe.title = kind === "member" ? "crmlens profile card" : "crmlens company card";
    iframe.setAttribute("sandbox",
      "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox " +
      "allow-storage-access-by-user-activation");
    iframe.setAttribute("referrerpolicy", "no-referrer");
    iframe.setAttribute("allow", "storage-access");
    iframe.style.cssText = "display:block;width:100%;border:0;height:" + INITIAL_HEIGHT + "px;";
    var old = el.querySelector("iframe[data-crmlens-frame]");
    if (old) { frames.delete(old.contentWindow); }
    iframe.setAttribute("data-crmlens-frame", "");
    el.replaceChildren(iframe);
    frames.set(iframe.contentWindow, iframe);
  }

  function scan(root) {
    if (root.nodeType !== 1) { return; }
    if (root.hasAttribute("data-crmlens")) { mount(root); }
    root.querySelectorAll("[data-crmlens]").forEach(mount);
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== CRMLENS_ORIGIN) { return; }
    var iframe = frames.get(event.source);
    var data = event.data;
    if (!iframe || !data || typeof data !== "object") { return; }
    if (data.type === "crmlens:resize" && typeof data.height === "number" && isFinite(data.height)) {
      var height = Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, Math.ceil(data.height)));
      iframe.style.height = height + "px";
    }
  });

  var observer = new MutationObserver(function (mutations) {
    mutations.forEach(function (m) {
      if (m.type === "attributes") { scan(m.target); return; }
      m.addedNodes.forEach(scan);
    });
  });

  function start() {
    scan(document.documentElement);
    observer.observe(document.documentElement, {
      childList: true, subtree: true, attributes: true,
      attributeFilter: ["data-crmlens"].concat(
        FIELDS.member, FIELDS.company, CONTEXT).map(function (f) {
          return f === "data-crmlens" ? f : "data-" + dataName(f);
        })
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
