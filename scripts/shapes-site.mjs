// One publication from another system, written here in its real shape, imported with
// `masthead-build import` and built with the app from dist/ (run `make build` first), for
// tests/e2e/shapes.spec.mjs:
//   node scripts/shapes-site.mjs OUT wordpress|ghost|hugo
// wordpress: a classic post with pictures in paragraphs, in a link, styled, decorative
//   (alt="") and without alt, a list gallery block, a [gallery] of the post's attachments,
//   SyntaxHighlighter's [csharp] with a blank line, and an image-only post. The attachments
//   are at the old site's address, as in every real export (the test answers for it).
// ghost: a 0.x export (one author per post, a date in milliseconds), pictures in
//   paragraphs and links, a code card with a blank line.
// hugo: a site with config/_default/, content/en/, a page bundle with its own picture and
//   a relative link, and an undated page.
// Every picture is one of the site's own files (public/), so the build measures it. The
// source, content folder and public/ are in OUT-import, the served site in OUT.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [out, kind] = process.argv.slice(2);
if (!out || !['wordpress', 'ghost', 'hugo'].includes(kind)) {
  throw new Error('usage: node scripts/shapes-site.mjs OUT wordpress|ghost|hugo');
}
// The source, the content folder and public/ beside it (where the import puts the site's
// own files and the builder measures pictures), in a folder of their own.
const home = `${out}-import`;
const work = join(home, 'source');
const content = join(home, 'content');
const pub = join(home, 'public');
for (const d of [out, home]) rmSync(d, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
mkdirSync(work, { recursive: true });
mkdirSync(pub, { recursive: true });
const write = (file, text) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};
const picture = (path) => {
  mkdirSync(dirname(join(pub, path)), { recursive: true });
  cpSync('public/images/open-closed.svg', join(pub, path));
};
const cdata = (s) => `<![CDATA[${s}]]>`;

let source;
if (kind === 'wordpress') {
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9]) picture(`wp-content/uploads/2022/03/p${n}.svg`);
  const item = (id, type, slug, parent, body, extra = '') =>
    `<item><title>${cdata(slug)}</title><dc:creator>${cdata('ed')}</dc:creator>` +
    `<content:encoded>${cdata(body)}</content:encoded><excerpt:encoded>${cdata('')}</excerpt:encoded>` +
    `<wp:post_id>${id}</wp:post_id><wp:post_date_gmt>${cdata(`2022-03-0${(id % 9) + 1} 10:00:00`)}</wp:post_date_gmt>` +
    `<wp:post_name>${cdata(slug)}</wp:post_name><wp:status>${cdata(type === 'attachment' ? 'inherit' : 'publish')}</wp:status>` +
    `<wp:post_parent>${parent}</wp:post_parent><wp:post_type>${cdata(type)}</wp:post_type>${extra}</item>\n`;
  const src = (n) => `/wp-content/uploads/2022/03/p${n}.svg`;
  const body = `<p><img src="${src(1)}" alt="One"></p>
<p><a href="${src(2)}"><img class="size-large" src="${src(2)}" alt="" style="border:0"></a> Words after.</p>
<p><a href="${src(9)}"><img src="${src(9)}" alt="Nine, linked to its larger copy"></a></p>
<p>Words before <img src="${src(3)}"> and after.</p>
<ul class="wp-block-gallery"><li class="blocks-gallery-item"><figure><img src="${src(4)}" alt="Four"><figcaption>The fourth</figcaption></figure></li><li class="blocks-gallery-item"><figure><img src="${src(5)}" alt="Five"></figure></li></ul>

[gallery]

Like this:

[csharp]
var xs = new[] { 1, 2 };

if (a &lt; b) { return; }
[/csharp]`;
  const attachment = (id, n) =>
    item(id, 'attachment', `att${n}`, 10, '', `<wp:attachment_url>${cdata(`https://shapes.example${src(n)}`)}</wp:attachment_url>` +
      `<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>${cdata(`Attached ${n}`)}</wp:meta_value></wp:postmeta>` +
      `<wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key><wp:meta_value>${cdata('a:2:{s:5:"width";i:1200;s:6:"height";i:630;}')}</wp:meta_value></wp:postmeta>`);
  const xml = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Shapes</title><link>https://shapes.example</link><language>en-US</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://shapes.example</wp:base_site_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata('ed')}</wp:author_login><wp:author_display_name>${cdata('Ed Itor')}</wp:author_display_name></wp:author>
${attachment(21, 6)}${attachment(22, 7)}${item(10, 'post', 'pictures', 0, body)}${item(12, 'post', 'image-only', 0, `<img src="${src(8)}" alt="Only">`)}
</channel></rss>\n`;
  source = join(work, 'export.xml');
  write(source, xml);
} else if (kind === 'ghost') {
  // Ghost's /content/images/ becomes /images/ on import; the files are copied there.
  for (const n of [1, 2]) picture(`images/2017/01/g${n}.svg`);
  const exp = {
    db: [{
      meta: { exported_on: 1483350000000, version: '0.11.14' },
      data: {
        posts: [{
          id: 1, title: 'Old times', slug: 'old-times', status: 'published', page: false,
          published_at: 1483351200000, author_id: 2,
          html: '<p>Before the picture.</p>\n<p><img src="/content/images/2017/01/g1.svg" alt="A door"></p>\n' +
            '<p><a href="/content/images/2017/01/g2.svg"><img src="/content/images/2017/01/g2.svg" alt=""></a></p>\n' +
            '<figure class="kg-card kg-code-card"><pre><code class="language-javascript">const a = 1;\n\nconst b = 2;\n</code></pre><figcaption>Two lines</figcaption></figure>',
        }],
        users: [{ id: 2, name: 'Jane Ghost', slug: 'jane' }],
        tags: [], posts_tags: [],
        settings: [{ key: 'url', value: 'https://ghost.example' }],
      },
    }],
  };
  source = join(work, 'export.json');
  write(source, JSON.stringify(exp));
} else {
  source = join(work, 'site');
  write(join(source, 'config/_default/hugo.toml'),
    'baseURL = "https://hugo.example/"\ntitle = "Split Config"\ndefaultContentLanguage = "en"\n' +
    '[languages.en]\ncontentDir = "content/en"\n[languages.fr]\ncontentDir = "content/fr"\n');
  write(join(source, 'config/_default/params.toml'), 'description = "Settings from params.toml"\n');
  write(join(source, 'config/_default/permalinks.toml'), 'posts = "/posts/:slug/"\n');
  write(join(source, 'content/en/posts/bundle/index.md'),
    '---\ntitle: Bundle\ndate: 2024-05-02\n---\nText first.\n\n![A door](door.svg)\n\nSee [the other](../other/).\n\n```go\nfunc main() {}\n```\n');
  cpSync('public/images/open-closed.svg', join(source, 'content/en/posts/bundle/door.svg'));
  write(join(source, 'content/en/posts/other.md'), '---\ntitle: Other\ndate: 2024-05-01\n---\nThe other.\n');
  write(join(source, 'content/en/docs/guide.md'), '---\ntitle: Guide\n---\nHow to.\n');
  write(join(source, 'content/fr/posts/autre.md'), '---\ntitle: Autre\ndate: 2024-05-01\n---\nAutre.\n');
}

execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'masthead-builder'], { stdio: 'inherit' });
const bin = join(process.env.CARGO_TARGET_DIR || 'target', 'release', 'masthead-build');
execFileSync(bin, ['import', kind, source, '--out', content], { stdio: ['ignore', 'ignore', 'inherit'] });
// The app's files, as scripts/generated-site.sh copies them, and the site's own files.
for (const name of readdirSync('dist')) {
  if (/\.(html|js|wasm|css|svg)$/.test(name)) cpSync(join('dist', name), join(out, name));
}
mkdirSync(join(out, 'archive'), { recursive: true });
cpSync('dist/archive/index.html', join(out, 'archive/index.html'));
cpSync(pub, out, { recursive: true });
// Every story must be published: a story held back (exit status 3) fails this script.
execFileSync(bin, ['site', '--content', content, '--dist', out], { stdio: ['ignore', 'ignore', 'inherit'] });
console.log(`${kind} site in ${out}`);
