// A small static file server for dist/ (the built playground), with the right MIME types
// (application/wasm for streaming compilation). Used by scripts/serve and by the page tests.
//
//   node scripts/serve-dist.mjs [DIR]            serves DIR (default dist/) on 127.0.0.1:$PORT (default 8080)
//
//   import { serveDist } from '../../scripts/serve-dist.mjs';
//   const { url, close } = await serveDist({ port: 0 });   // port 0: any free port
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `dir` over HTTP on `host`:`port` until `close()` is called.
 * Resolves to `{ url, port, close }` once listening.
 */
export function serveDist({ dir = join(ROOT, 'dist'), host = '127.0.0.1', port = 8080 } = {}) {
  const base = resolve(dir);
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        response.writeHead(403).end('forbidden');
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) {
        file = join(file, 'index.html');
      }
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      const notFound = error?.code === 'ENOENT' || error?.code === 'EISDIR';
      response.writeHead(notFound ? 404 : 500, { 'Content-Type': 'text/plain' });
      response.end(notFound ? 'not found' : 'server error');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actualPort = server.address().port;
      resolvePromise({
        url: `http://${host}:${actualPort}/`,
        port: actualPort,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ? resolve(process.argv[2]) : join(ROOT, 'dist');
  const port = Number(process.env.PORT ?? 8080);
  const { url } = await serveDist({ dir, port });
  console.log(`serve: the playground is at ${url}  (Ctrl-C stops)`);
}
