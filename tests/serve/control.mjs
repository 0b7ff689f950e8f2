// Starting and stopping `make serve` as a person does in a terminal: the command in a
// process group of its own (a terminal's foreground job), Ctrl-C sent to that group.
// Shared by tests/serve/serve.spec.mjs and scripts/bench-preview.mjs.
import { spawn, execFileSync } from 'node:child_process';
import net from 'node:net';

export const PREVIEW = 'http://127.0.0.1:8080';
export const SIGNUPS = 'http://127.0.0.1:8787';

/// `make serve`, with its output collected; `output()` is everything printed so far.
export function startServe(env = {}) {
  const child = spawn('make', ['serve'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let text = '';
  child.stdout.on('data', (d) => (text += d));
  child.stderr.on('data', (d) => (text += d));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => text };
}

/// Resolves once `url` answers with a status below 500 (the preview answers 503 until
/// its first build is done).
export async function waitForHttp(url, ms, serve) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url);
      // Read to the end, so the connection is free again.
      await res.arrayBuffer();
      if (res.status < 500) return res;
    } catch {
      // Not listening yet.
    }
    if (serve && serve.child.exitCode !== null) throw new Error(`make serve exited:\n${serve.output()}`);
    if (Date.now() > until) throw new Error(`${url} did not answer in ${ms} ms:\n${serve?.output() ?? ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/// Processes whose command line mentions the preview or its app build.
export function previewProcesses() {
  const out = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => /masthead-build serve|trunk build --release --features explorer --dist/.test(l))
    .filter((l) => !/\bps -eo\b/.test(l));
}

/// Whether any process of the group `pgid` is alive.
export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/// Ctrl-C in the terminal: SIGINT to the whole foreground group. Resolves with how the
/// command ended.
export async function interrupt(serve, signal = 'SIGINT') {
  process.kill(-serve.child.pid, signal);
  return serve.exited;
}
