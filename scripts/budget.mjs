// What each story costs the output, on a generated publication built with the app of
// dist/ (after `make dist`) and the release builder: files per story and bytes per story,
// precompressed copies aside (a story's page, its JSON, its search text and its share of
// the lists, feeds and indexes), and the median story page. Exits non-zero when one of
// them is over its budget.
//   node scripts/budget.mjs [POSTS]      (default 2,000; work folder target/budget)
// The budgets are what the output was on 2026-12-08 (3.83 files, 62.2 KB and a 32.1 KB
// page at 2,000 posts), so a change that makes it grow is seen. The
// aim for 10,000 posts is 2.5 files and 50 KB a story, and a 25 KB median story page;
// README, "Builder benchmark", says how far the output is from it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const posts = Number(process.argv[2] || 2000);
const BUDGET = { filesPerStory: 3.85, kbPerStory: 64, storyPageKb: 33 };
const bin = join(process.env.CARGO_TARGET_DIR || 'target', 'release', 'masthead-build');
const work = join(process.env.CARGO_TARGET_DIR || 'target', 'budget');
for (const need of [bin, 'dist/index.html']) {
  if (!existsSync(need)) {
    console.error(`${need} not found: run \`make dist\` first`);
    process.exit(2);
  }
}
const run = (args) => {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`masthead-build ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
};

const content = join(work, `content-${posts}`);
if (!existsSync(join(content, 'site.toml'))) {
  rmSync(content, { recursive: true, force: true });
  run(['generate', '--posts', String(posts), '--from', '2016-01', '--to', '2026-06', '--seed', '42', '--out', content]);
}
const out = join(work, 'out');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const f of readdirSync('dist')) {
  if (/\.(html|js|wasm|css|svg)$/.test(f) && statSync(join('dist', f)).isFile()) cpSync(join('dist', f), join(out, f));
}
run(['site', '--content', content, '--dist', out, '--manifest', join(work, 'changes')]);

let files = 0;
let bytes = 0;
const pages = [];
const walk = (dir, depth) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      walk(path, depth + 1);
    } else if (!/\.(br|gz)$/.test(entry.name)) {
      const size = statSync(path).size;
      files += 1;
      bytes += size;
      // A story's page: YYYY/MM/slug/index.html.
      if (depth === 3 && entry.name === 'index.html' && /^\d{4}$/.test(path.slice(out.length + 1, out.length + 5))) pages.push(size);
    }
  }
};
walk(out, 0);
pages.sort((a, b) => a - b);
const measured = {
  filesPerStory: files / posts,
  kbPerStory: bytes / 1024 / posts,
  storyPageKb: pages[Math.floor((pages.length - 1) / 2)] / 1024,
};
console.log(`${posts} generated posts: ${files} files, ${(bytes / 1048576).toFixed(1)} MB (precompressed copies aside), ${pages.length} story pages`);
let over = false;
for (const [what, label] of [
  ['filesPerStory', 'files a story'],
  ['kbPerStory', 'KB a story'],
  ['storyPageKb', 'KB median story page'],
]) {
  const fails = measured[what] > BUDGET[what];
  over ||= fails;
  console.log(`  ${label.padEnd(22)} ${measured[what].toFixed(2).padStart(7)}  budget ${BUDGET[what]}${fails ? '  OVER' : ''}`);
}
if (pages.length !== posts) {
  console.error(`expected a page per story: ${pages.length} pages for ${posts} posts`);
  over = true;
}
process.exit(over ? 1 : 0);
