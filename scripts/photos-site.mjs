// The sample publication with real photographs, built with the app from dist/ (run `make
// build` first), for tests/e2e/photos.spec.mjs: the newest story's picture is a 2560×1600
// JPEG photograph from Debian's plasma-workspace-wallpapers (scripts/setup.sh installs it),
// and a second photograph sits in its body, below the first screen.
//   node scripts/photos-site.mjs OUT
// Its pictures' copies are kept in OUT-cache between runs, as a CI would keep them.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [out] = process.argv.slice(2);
if (!out) throw new Error('usage: node scripts/photos-site.mjs OUT');
const WALLPAPERS = '/usr/share/wallpapers';
// Photographs that carry their camera's EXIF block, so the test can see it is not served.
const photos = existsSync(WALLPAPERS)
  ? readdirSync(WALLPAPERS)
      .sort()
      .map((n) => join(WALLPAPERS, n, 'contents/images/2560x1600.jpg'))
      .filter((f) => existsSync(f) && readFileSync(f).includes(Buffer.from('Exif\0\0')))
  : [];
if (photos.length < 2) throw new Error(`no photographs in ${WALLPAPERS}: run scripts/setup.sh (it installs plasma-workspace-wallpapers)`);

const home = `${out}-project`;
for (const d of [out, home]) rmSync(d, { recursive: true, force: true });
cpSync('content', join(home, 'content'), { recursive: true });
cpSync('public', join(home, 'public'), { recursive: true });
mkdirSync(join(home, 'public/images/photos'), { recursive: true });
cpSync(photos[0], join(home, 'public/images/photos/lead.jpg'));
cpSync(photos[1], join(home, 'public/images/photos/below.jpg'));

// The newest story: its picture replaced, and the second photograph after its fifth paragraph.
const latest = JSON.parse(readFileSync('dist/content/latest.json', 'utf8')).posts[0];
const find = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? find(join(dir, e.name)) : [join(dir, e.name)]));
const file = find(join(home, 'content/posts')).find((f) => readFileSync(f, 'utf8').includes(`slug = "${latest.slug}"`));
if (!file) throw new Error(`the newest story (${latest.slug}) is not a TOML story`);
const [, front, body] = readFileSync(file, 'utf8').match(/^\+\+\+\n([\s\S]*?)\n\+\+\+\n([\s\S]*)$/);
const kept = front.replace(/\n?\[image\][\s\S]*?(?=\n\[|$)/, '');
const paragraphs = body.split('\n\n');
paragraphs.splice(5, 0, '![A second photograph, far down the story](/images/photos/below.jpg)');
writeFileSync(file, `+++\n${kept}\n[image]\nsrc = "/images/photos/lead.jpg"\nalt = "A photograph at the top of the story"\n+++\n${paragraphs.join('\n\n')}`);

execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'masthead-builder'], { stdio: 'inherit' });
const bin = join(process.env.CARGO_TARGET_DIR || 'target', 'release', 'masthead-build');
mkdirSync(out, { recursive: true });
for (const name of readdirSync('dist')) {
  if (/\.(html|js|wasm|css|svg)$/.test(name)) cpSync(join('dist', name), join(out, name));
}
mkdirSync(join(out, 'archive'), { recursive: true });
cpSync('dist/archive/index.html', join(out, 'archive/index.html'));
cpSync(join(home, 'public/images'), join(out, 'images'), { recursive: true });
execFileSync(bin, ['site', '--content', join(home, 'content'), '--dist', out, '--picture-cache', `${out}-cache`], { stdio: ['ignore', 'inherit', 'inherit'] });
console.log(`photographs site in ${out}: ${latest.slug}`);
