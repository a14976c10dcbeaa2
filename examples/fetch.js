// HTTP from JavaScript, both ways tickscope offers it: the go-go-goja guide's
// `require("fetch").get(url)` and the standard global `fetch(url, init)`.
//
// There is no internet in the sandbox, so this talks to a server on this machine. Start one
// from the repository's root, in another terminal:
//
//     python3 -m http.server 8000 --bind 127.0.0.1
//
// then run `tickscope run examples/fetch.js` (add `--trace trace.json` to see each request as a
// host operation, `fetch.get` / `fetch`, settled by a task `fetch.get.settle` / `fetch.settle`).
// With nothing listening, it says so and stops cleanly.

const BASE = "http://127.0.0.1:8000";
const http = require("fetch");

async function main() {
  // fetch.get resolves with { status, body, ok } and rejects only when no answer comes back.
  let page;
  try {
    page = await http.get(`${BASE}/examples/fetch.js`, { timeout: 5000 });
  } catch (error) {
    console.log(`nothing answered at ${BASE} (${error.code}): ${error.message}`);
    console.log("start a server first: python3 -m http.server 8000 --bind 127.0.0.1");
    return;
  }
  const lines = page.body.split("\n");
  console.log(`fetch.get: status ${page.status}, ok ${page.ok}, ${lines.length} lines`);
  console.log(`  first line: ${lines[0]}`);

  // A 404 is an answer, not a failure: it fulfils with ok false.
  const missing = await http.get(`${BASE}/no-such-file`);
  console.log(`fetch.get missing: status ${missing.status}, ok ${missing.ok}`);

  // The global fetch gives a Response; its body is read once, with text() or json().
  const response = await fetch(`${BASE}/package.json`);
  console.log(`fetch: ${response.status} ${response.statusText}, ` +
              `content-type ${response.headers.get("Content-Type")}`);
  const manifest = await response.json();
  console.log(`  package.json names "${manifest.name}"`);

  // Two requests at once: each settles in a completion task of its own.
  const [a, b] = await Promise.all([
    fetch(`${BASE}/package.json`),
    fetch(`${BASE}/no-such-file`),
  ]);
  console.log(`in parallel: ${a.status} (ok ${a.ok}) and ${b.status} (ok ${b.ok})`);
}

main();
