// Proves the harness's premise: in this profile a cross-site iframe loses an ordinary
// SameSite=None cookie but keeps a Partitioned (CHIPS) one. If this fails, every sign-in
// scenario would prove nothing about browsers that block third-party cookies.
import { createServer } from "node:http";
import { runScenario, expect } from "./lib.mjs";

function listen(host, handler) {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, host, () => resolve(server));
  });
}

const framed = await listen("127.0.0.1", (req, res) => {
  if (req.url === "/set") {
    res.setHeader("Set-Cookie", [
      "plain=1; Path=/; Secure; SameSite=None",
      "chips=1; Path=/; Secure; SameSite=None; Partitioned",
    ]);
  }
  res.setHeader("Content-Type", "text/html");
  res.end(`<p id="cookies">${req.headers.cookie ?? ""}</p>`);
});
const framedUrl = `http://localhost:${framed.address().port}`;
const top = await listen("127.0.0.1", (req, res) => {
  res.setHeader("Content-Type", "text/html");
  res.end(`<iframe id="f" src="${framedUrl}${req.url === "/" ? "/set" : "/read"}"></iframe>`);
});
const topUrl = `http://127.0.0.1:${top.address().port}`;

await runScenario(async (context) => {
  const page = await context.newPage();
  await page.goto(`${topUrl}/`);
  await page.frameLocator("#f").locator("#cookies").waitFor({ state: "attached" });
  await page.goto(`${topUrl}/again`);
  const cookies = page.frameLocator("#f").locator("#cookies");
  await cookies.waitFor({ state: "attached" });
  const seen = await cookies.textContent();
  expect(seen.includes("chips=1"), `the partitioned cookie came back (saw "${seen}")`);
  expect(!seen.includes("plain=1"), `the unpartitioned third-party cookie was blocked (saw "${seen}")`);
  return { cookies_seen_in_iframe: seen };
});
framed.close();
top.close();
