// The HTTP server the browser tests of `fetch` talk to (tests/wasm_fetch.rs), started by
// `scripts/test wasm`:
//
//     node tests/support/http-server.mjs
//
// It listens on a free port of 127.0.0.1 and prints one line of JSON on stdout once it does:
//     {"url":"http://127.0.0.1:PORT","closed":"http://127.0.0.1:OTHER"}
// where `closed` is a port that was bound and released again, for "connection refused".
// Every answer allows any origin (CORS), without credentials, and exposes every header.
// It runs until it is sent SIGTERM or SIGINT.
//
// Routes (every other path is a 404 "no such thing"):
//   GET /json        200 {"name":"tickscope","n":3}       GET /bad-json  200 "{not json"
//   GET /slow        200 "slow but here" after 150 ms     GET /hang      never answers
//   GET /error       503 "try later"                      GET /headers   X-Multi: one, two; X-Case: Mixed
//   *   /echo        201 {method, contentType, token (the X-Token header), cookie, body}
import http from "node:http";
import net from "node:net";

const SLOW_MS = 150;

const cors = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "*",
  "Access-Control-Allow-Headers": "*",
  "Access-Control-Expose-Headers": "*",
  "Access-Control-Max-Age": "600",
};

function send(response, status, headers, body) {
  response.writeHead(status, { ...cors, ...headers, "Content-Length": Buffer.byteLength(body) });
  response.end(body);
}

const json = { "Content-Type": "application/json" };
const text = { "Content-Type": "text/plain; charset=utf-8" };

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const path = new URL(request.url, "http://localhost").pathname;
    if (request.method === "OPTIONS") {
      response.writeHead(204, cors);
      response.end();
      return;
    }
    switch (path) {
      case "/json":
        return send(response, 200, json, JSON.stringify({ name: "tickscope", n: 3 }));
      case "/bad-json":
        return send(response, 200, json, "{not json");
      case "/slow":
        return setTimeout(() => send(response, 200, text, "slow but here"), SLOW_MS);
      case "/hang":
        // Never answers; the connection closes when the client gives up.
        return;
      case "/error":
        return send(response, 503, text, "try later");
      case "/headers":
        response.writeHead(200, { ...cors, "X-Multi": ["one", "two"], "X-Case": "Mixed", "Content-Length": 0 });
        return response.end();
      case "/echo":
        return send(
          response,
          201,
          json,
          JSON.stringify({
            body: Buffer.concat(chunks).toString("utf8"),
            contentType: request.headers["content-type"] ?? "",
            cookie: request.headers.cookie ?? "",
            method: request.method,
            token: request.headers["x-token"] ?? "",
          }),
        );
      default:
        return send(response, 404, text, "no such thing");
    }
  });
});

/// A port that was free a moment ago and is closed again.
function closedPort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const closed = await closedPort();
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  process.stdout.write(
    JSON.stringify({ url: `http://127.0.0.1:${port}`, closed: `http://127.0.0.1:${closed}` }) + "\n",
  );
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
