// A static host for the built site, as a CDN serves it. Tests inject faults through
// /__faults to see what a reader sees when a file is missing, broken or slow.
//
//   node tests/server.mjs [--port 4173] [--dir dist] [--host netlify|github|plain] [--base /news/]
//
// --host netlify (the default) applies dist/_headers and dist/_redirects as Netlify and
// Cloudflare Pages do: files that exist are served first, then the redirect rules; the
// headers of every matching rule are added (so the Content-Security-Policy is enforced).
// --host github serves 404.html with status 404 for any path that is not a file, and no
// custom headers, as GitHub Pages does. --host plain answers any unknown path with
// index.html and status 200, the usual SPA fallback. --base serves the site under a folder.
// Precompressed files (x.br, x.gz beside x) are served when the browser accepts them.
//
//   POST   /__faults  {"match": "/content/latest.json", "kind": "500"}   add a fault
//   DELETE /__faults                                                    clear them all
//
// Fault kinds: 500, 404, 429, html (index.html with 200), malformed (truncated JSON),
// wrong-types (first "title" becomes a number), drop (connection closed, no answer),
// slow (answer after `delay` ms), body (answers `body` as JSON). `times` limits how many
// requests a fault hits.
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
const host = opt('host', 'netlify');
const base = opt('base', '/');

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

// Netlify's _headers: a path pattern line, then indented "Name: value" lines.
async function loadHeaderRules() {
  if (host !== 'netlify') return [];
  const text = await readFile(join(root, '_headers'), 'utf8').catch(() => '');
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (/^\s/.test(line)) {
      const at = line.indexOf(':');
      rules.at(-1)?.headers.push([line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()]);
    } else {
      rules.push({ pattern: pattern(line.trim()), headers: [] });
    }
  }
  return rules;
}

// _redirects: "from to status" lines, applied to paths that are not files.
async function loadRedirects() {
  if (host !== 'netlify') return [];
  const text = await readFile(join(root, '_redirects'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l.trim() && !l.trim().startsWith('#'))
    .map((l) => {
      const [from, to, status] = l.trim().split(/\s+/);
      return { pattern: pattern(from), to, status: Number(status || 301) };
    });
}

function pattern(path) {
  const escaped = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

const headerRules = await loadHeaderRules();
const redirects = await loadRedirects();

function headersFor(sitePath, type) {
  const headers = { 'content-type': type };
  for (const rule of headerRules) {
    if (!rule.pattern.test(sitePath)) continue;
    for (const [name, value] of rule.headers) headers[name] = headers[name] && name !== 'content-type' ? `${headers[name]}, ${value}` : value;
  }
  if (!headers['cache-control']) headers['cache-control'] = 'no-store';
  return headers;
}

async function send(res, status, path, body) {
  const type = TYPES[extname(path)] || 'application/octet-stream';
  // The site path and accepted encodings of this request (set by the request handler).
  const headers = headersFor(res.sitePath ?? '/', type);
  if (body === undefined) {
    for (const [encoding, ext] of [['br', '.br'], ['gzip', '.gz']]) {
      if (!(res.acceptEncoding ?? '').includes(encoding)) continue;
      // Only a copy at least as new as the file (a rebuilt file makes its copy stale).
      const [copy, file] = await Promise.all([stat(path + ext).catch(() => null), stat(path)]);
      const packed = copy && copy.mtimeMs >= file.mtimeMs ? await readFile(path + ext) : null;
      if (packed) {
        res.writeHead(status, { ...headers, 'content-encoding': encoding, vary: 'accept-encoding' });
        return res.end(packed);
      }
    }
  }
  res.writeHead(status, headers);
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
    case 'body':
      // A file as the test wrote it (a crafted or extreme contract file).
      return send(res, 200, 'x.json', fault.body);
    case 'drop':
      return req.socket.destroy();
    case 'slow':
      await new Promise((r) => setTimeout(r, fault.delay ?? 2000));
      return path ? send(res, 200, path) : send(res, 200, 'index.html', await readFile(join(root, 'index.html')));
    case 'stall': {
      // The file in two pieces, as a slow network delivers a page: up to the first
      // `at` in it, then after `delay` ms the rest.
      const text = await readFile(path, 'utf8');
      const cut = Math.max(0, text.indexOf(fault.at));
      res.writeHead(200, headersFor(res.sitePath ?? '/', TYPES[extname(path)] || 'application/octet-stream'));
      res.write(text.slice(0, cut));
      await new Promise((r) => setTimeout(r, fault.delay ?? 1000));
      return res.end(text.slice(cut));
    }
    default:
      res.writeHead(400);
      return res.end(`unknown fault kind ${fault.kind}`);
  }
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    res.acceptEncoding = String(req.headers['accept-encoding'] || '');
    // Headers and redirect rules match the address as requested (with the folder); files
    // are looked up without it.
    res.sitePath = url.pathname;
    if (base !== '/' && url.pathname !== '/__faults') {
      if (!url.pathname.startsWith(base) && url.pathname !== base.replace(/\/$/, '')) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('outside the site');
      }
      url.pathname = '/' + url.pathname.slice(base.length);
    }
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
    if (host === 'github') return await send(res, 404, join(root, '404.html'));
    if (host === 'netlify') {
      const rule = redirects.find((r) => r.pattern.test(res.sitePath));
      if (rule) return await send(res, rule.status, join(root, rule.to.slice(base.length - 1)));
      return await send(res, 404, join(root, '404.html'));
    }
    // The SPA fallback: any unknown path gets the app with status 200.
    return await send(res, 200, 'index.html', await readFile(join(root, 'index.html')));
  } catch (e) {
    if (!res.headersSent) res.writeHead(500);
    res.end(String(e));
  }
});

server.listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}`));
