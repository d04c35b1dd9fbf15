// Attacks on the widget from the CRM side: a record whose every field holds a script payload
// renders it as text and runs nothing; a page whose origin the tenant did not allow cannot frame
// the widget at all.
import { createServer } from "node:http";
import { runScenario, requireEnv, expect } from "./lib.mjs";
import { crmlensFrame, signInFromFrame, cardState } from "./widget_lib.mjs";

const crmlens = requireEnv("CRMLENS_URL");
const org = requireEnv("CRMLENS_ORG");
const PAYLOAD = `"><img src=x onerror="alert('xss')"><script>alert('xss')</script>'-alert(1)-'`;

function escapeAttr(text) {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function listen(port, body) {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      res.setHeader("Content-Type", "text/html");
      res.end(body);
    });
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

await runScenario(async (context) => {
  const fields = ["first-name", "last-name", "company", "title", "email"]
    .map((f) => `data-${f}="${escapeAttr(PAYLOAD)}"`).join(" ");
  const allowed = await listen(Number(requireEnv("CRM_PORT")), `<!doctype html><title>CRM</title>
<div id="tag" data-crmlens="member" data-crm="salesforce" data-org="${org}" data-object="lead"
  data-record-id="00Q000000000777AAA" ${fields}></div>
<script src="${crmlens}/embed.js" defer></script>`);
  const denied = await listen(Number(requireEnv("OTHER_PORT")), `<!doctype html><title>Evil</title>
<iframe id="evil" src="${crmlens}/embed/member?crm=salesforce&org=${org}#first_name=Ada"></iframe>`);
  try {
    const dialogs = [];
    context.on("dialog", (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
    const page = await context.newPage();
    page.on("dialog", (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
    await page.goto(`http://127.0.0.1:${requireEnv("CRM_PORT")}/`);
    let frame = await crmlensFrame(page);
    await signInFromFrame(context, frame, requireEnv("REP_EMAIL"), requireEnv("PASSWORD"));
    frame = await crmlensFrame(page);
    await cardState(frame, ["matched", "ambiguous", "no-match", "marked-none"]);
    const search = frame.locator("#card input[type=search]");
    if (await search.count()) {
      await search.fill(PAYLOAD);
      await frame.locator("#card .results p, #card .results ul").first().waitFor({ timeout: 15000 });
    }
    const carried = await frame.locator("#ctx input[name=first_name]").inputValue();
    expect(carried === PAYLOAD, "the payload travels as data, unchanged");
    const injected = await frame.locator("#card img[src=x], #card script").count();
    expect(injected === 0, `no element was injected into the card (${injected})`);
    await page.waitForTimeout(500);
    expect(dialogs.length === 0, `no script ran (dialogs: ${dialogs.join(", ")})`);

    const evil = await context.newPage();
    await evil.goto(`http://127.0.0.1:${requireEnv("OTHER_PORT")}/`);
    await evil.waitForTimeout(1500);
    const evilFrame = await (await evil.locator("#evil").elementHandle()).contentFrame();
    const rendered = evilFrame ? await evilFrame.locator("#card").count().catch(() => 0) : 0;
    expect(rendered === 0, "a page the tenant did not allow cannot frame the widget");
    return { dialogs: dialogs.length, evil_frame_url: evilFrame ? evilFrame.url() : "none" };
  } finally {
    allowed.close();
    denied.close();
  }
});
