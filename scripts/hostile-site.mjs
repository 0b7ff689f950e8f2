// A publication whose every field is hostile, built with the app from dist/ (run `make
// build` first), for tests/e2e/hostile.spec.mjs:
//   node scripts/hostile-site.mjs OUT
// One post per payload of tests/hostile/payloads.mjs, with the payload in its title,
// standfirst, tags, author, image alt text and caption, and in the body as a subheading,
// paragraph, quote, list item, code and link text; the site's category names and nav
// labels carry payloads too. The builder reads all of it as Markdown and TOML, as an
// author would write it. Then one post file is rewritten with every URL payload as a link
// and an image address, which the builder would refuse: the app must check them again.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEXT_PAYLOADS, URL_PAYLOADS } from '../tests/hostile/payloads.mjs';

const out = process.argv[2];
if (!out) throw new Error('usage: node scripts/hostile-site.mjs OUT');
const content = `${out}-content`;
rmSync(out, { recursive: true, force: true });
rmSync(content, { recursive: true, force: true });
mkdirSync(join(content, 'posts'), { recursive: true });

const payloads = [...new Set(TEXT_PAYLOADS)];
// TOML basic strings accept JSON's escapes.
const toml = (s) => JSON.stringify(s);
// Markdown text that shows `s` literally: every ASCII punctuation mark escaped.
const md = (s) => s.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`).replace(/[\n\r\u2028\u2029]/g, ' ');

const CATEGORIES = 5;
let site = readFileSync('content/site.toml', 'utf8');
site = site.replace(/\[\[categories\]\][\s\S]*?(?=\n\[newsletter\])/, '');
// The front page's rows name the sample's sections: every section of its own instead.
site = site.replace(/\n\[front\][\s\S]*?(?=\n\[\[nav\]\])/, '\n');
site = site.replace(/\[\[nav\]\][\s\S]*?(?=\n\[\[categories\]\]|\n\[newsletter\])/, '');
const categories = payloads
  .slice(0, CATEGORIES)
  .map((p, i) => `[[categories]]\nslug = "c${i}"\nname = ${toml(`Category ${i} ${p}`)}\n` +
    `description = ${toml(`About ${i} ${Array.from(p).slice(0, 200).join('')}`)}\n`)
  .join('\n');
const nav = payloads
  .slice(CATEGORIES, CATEGORIES + 3)
  .map((p) => `[[nav]]\nlabel = ${toml(p)}\nhref = "/archive"\n`)
  .join('\n');
site = site.replace(/\n\[newsletter\]/, `\n${nav}\n${categories}\n[newsletter]`);
writeFileSync(join(content, 'site.toml'), site);

payloads.forEach((p, i) => {
  const n = String(i).padStart(3, '0');
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String(Math.floor(i / 28) + 1).padStart(2, '0');
  const post = `+++
title = ${toml(`${n} ${p}`)}
slug = "hostile-${n}"
standfirst = ${toml(`Standfirst ${n}: ${p}`)}
published = 2025-${month}-${day}T09:00:00Z
category = "c${i % CATEGORIES}"
tags = [${toml(`t${n} ${p}`)}, "Hostile"]
authors = [${toml(`Author ${n} ${p}`)}]

[image]
src = "/images/open-closed.svg"
alt = ${toml(`Alt ${n} ${p}`)}
caption = ${toml(`Caption ${n} ${p}`)}
width = 1200
height = 675
+++
${md(p)}

## ${md(p)}

> ${md(p)}

- ${md(p)}
- \`${p.replace(/`/g, "'").replace(/[\n\r\u2028\u2029]/g, ' ')}\`

[${md(p)}](/2025/01/hostile-000)
`;
  writeFileSync(join(content, 'posts', `${n}.md`), post);
});

mkdirSync(out, { recursive: true });
for (const f of readdirSync('dist')) {
  if (/\.(html|js|wasm|css|svg)$/.test(f)) cpSync(join('dist', f), join(out, f));
}
cpSync('dist/images', join(out, 'images'), { recursive: true });
mkdirSync(join(out, 'archive'), { recursive: true });
cpSync('dist/archive/index.html', join(out, 'archive/index.html'));
execFileSync(join(process.env.CARGO_TARGET_DIR || 'target', 'release/masthead-build'), ['site', '--content', content, '--dist', out], { stdio: 'inherit' });

// The crafted file: every URL payload as a link and as an image of the first post.
const file = join(out, 'content/posts/hostile-000.json');
const json = JSON.parse(readFileSync(file, 'utf8'));
for (const url of URL_PAYLOADS) {
  json.body.push({ type: 'paragraph', inlines: [{ type: 'link', href: url, children: [{ type: 'text', text: `link to ${url}` }] }] });
  json.body.push({ type: 'image', src: url, alt: `image from ${url}` });
}
json.summary.image = { src: URL_PAYLOADS[0], alt: 'crafted' };
writeFileSync(file, JSON.stringify(json));
console.log(`hostile site: ${payloads.length} text payloads in ${payloads.length} posts, ${URL_PAYLOADS.length} URL payloads, in ${out}`);
