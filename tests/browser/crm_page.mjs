// A CRM-like record page on its own origin (http://127.0.0.1:PORT) that frames a crmlens page,
// passing CRM values in the URL fragment as the real embed does.
import { createServer } from "node:http";

/** Serves a page framing `frameUrl` on 127.0.0.1:`port`; resolves to the server and its URL. */
export function startCrmPage(port, frameUrl) {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      res.setHeader("Content-Type", "text/html");
      res.end(`<!doctype html><title>CRM record</title><h1 id="crm">Lead: record 00Q1</h1>
<iframe id="crmlens" title="crmlens" src="${frameUrl}" width="400" height="300"></iframe>`);
    });
    server.listen(port, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${port}/` }));
  });
}
