// A static host for the built site, as a CDN serves it: files from dist/ with their
// content types, and index.html (status 200) for any other path, the SPA fallback most
// hosts are configured with. Tests inject faults through /__faults to see what a reader
// sees when a file is missing, broken or slow.
//
//   node tests/server.mjs [--port 4173] [--dir dist]
//   POST   /__faults  {"match": "/content/latest.json", "kind": "500"}   add a fault
//   DELETE /__faults                                                    clear them all
//
// Fault kinds: 500, 404, 429, html (index.html with 200), malformed (truncated JSON),
// wrong-types (first "title" becomes a number), drop (connection closed, no answer),
// slow (answer after `delay` ms). `times` limits how many requests a fault hits.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const port = Number(opt('port', process.env.PORT || 4173));
const root = resolve(opt('dir', 'dist'));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

let faults = [];

async function fileFor(urlPath) {
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  let path = join(root, clean);
  if (!path.startsWith(root)) return null;
  try {
    const s = await stat(path);
    if (s.isDirectory()) path = join(path, 'index.html');
    await stat(path);
    return path;
  } catch {
    return null;
  }
}

async function send(res, status, path, body) {
  const type = TYPES[extname(path)] || 'application/octet-stream';
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body ?? (await readFile(path)));
}

async function applyFault(fault, req, res, path) {
  switch (fault.kind) {
    case '500': case '404': case '429': case '503':
      res.writeHead(Number(fault.kind), { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      return res.end(`injected ${fault.kind}`);
    case 'html':
      return send(res, 200, 'index.html', await readFile(join(root, 'index.html')));
    case 'malformed': {
      const text = path ? await readFile(path, 'utf8') : '{"contract":1,';
      return send(res, 200, 'x.json', text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    }
    case 'wrong-types': {
      const text = await readFile(path, 'utf8');
      return send(res, 200, 'x.json', text.replace(/"title":"(?:[^"\\]|\\.)*"/, '"title":42'));
    }
    case 'drop':
      return req.socket.destroy();
    case 'slow':
      await new Promise((r) => setTimeout(r, fault.delay ?? 2000));
      return path ? send(res, 200, path) : send(res, 200, 'index.html', await readFile(join(root, 'index.html')));
    default:
      res.writeHead(400);
      return res.end(`unknown fault kind ${fault.kind}`);
  }
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/__faults') {
      if (req.method === 'DELETE') {
        faults = [];
        return res.end('cleared');
      }
      let body = '';
      for await (const chunk of req) body += chunk;
      const fault = JSON.parse(body);
      faults.push({ times: Infinity, ...fault });
      res.writeHead(201);
      return res.end('added');
    }
    const path = await fileFor(url.pathname);
    const fault = faults.find((f) => f.times > 0 && url.pathname.includes(f.match));
    if (fault) {
      fault.times -= 1;
      return await applyFault(fault, req, res, path);
    }
    if (path) return await send(res, 200, path);
    // The SPA fallback: any unknown path gets the app with status 200.
    return await send(res, 200, 'index.html', await readFile(join(root, 'index.html')));
  } catch (e) {
    if (!res.headersSent) res.writeHead(500);
    res.end(String(e));
  }
});

server.listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}`));
