// Serves the demo dealer portal (web/portal-demo) from its own 127.0.0.1 origin, as a real
// portal would be, optionally under a Content-Security-Policy header.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './harness.mjs';

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

export async function startPortal({ csp = null } = {}) {
  const root = path.join(repoRoot, 'web', 'portal-demo');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const name = url.pathname === '/' ? 'index.html' : path.basename(url.pathname);
    try {
      const body = readFileSync(path.join(root, name));
      const headers = { 'Content-Type': types[path.extname(name)] || 'application/octet-stream' };
      if (csp) headers['Content-Security-Policy'] = typeof csp === 'function' ? csp() : csp;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, stop: () => new Promise((r) => server.close(r)) };
}
