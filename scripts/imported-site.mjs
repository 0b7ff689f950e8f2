// A publication brought over from WordPress, built with the app from dist/ (run `make
// build` first), for tests/e2e/imported.spec.mjs:
//   node scripts/imported-site.mjs OUT
// The export is the importer's test export (crates/builder/tests/fixtures/wordpress.xml)
// with one more post per payload of tests/hostile/payloads.mjs, the payload in its title,
// excerpt, author's display name, category name, body HTML (as markup and as text), a
// [caption]'s text and image alt, a shortcode's attributes; and one post whose links,
// images and featured image carry every URL payload. `masthead-build import wordpress`
// writes the content folder, `masthead-build site` builds it beside the app's files.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEXT_PAYLOADS, URL_PAYLOADS } from '../tests/hostile/payloads.mjs';

const out = process.argv[2];
if (!out) throw new Error('usage: node scripts/imported-site.mjs OUT');
const content = `${out}-content`;
rmSync(out, { recursive: true, force: true });
rmSync(content, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// CDATA holds anything but its own end, which is split across two sections.
const cdata = (s) => `<![CDATA[${String(s).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const attr = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const payloads = [...new Set(TEXT_PAYLOADS)];
let items = '';
let authors = '';
payloads.forEach((p, i) => {
  const n = String(i).padStart(3, '0');
  authors += `<wp:author><wp:author_login>${cdata(`hostile${n}`)}</wp:author_login><wp:author_display_name>${cdata(`Author ${n} ${p}`)}</wp:author_display_name></wp:author>\n`;
  const body = `Paragraph ${n}: ${p}\n\n<p>As HTML ${n}: ${p}</p>\n\n<h2>Heading ${n} ${p}</h2>\n\n` +
    `[caption id="a" width="300" caption="${attr(p)}"]<img src="/images/open-closed.svg" alt="Alt ${n} ${attr(p)}"> Caption ${n} ${p}[/caption]\n\n` +
    `[unknown-shortcode x="${attr(p)}"]Inside ${n}[/unknown-shortcode]\n\nEnd ${n}.`;
  items += `<item><title>${cdata(`Imported ${n} ${p}`)}</title><link>https://old.example/2019/01/01/imported-${n}/</link>` +
    `<dc:creator>${cdata(`hostile${n}`)}</dc:creator><content:encoded>${cdata(body)}</content:encoded>` +
    `<excerpt:encoded>${cdata(`Excerpt ${n}: ${p}`)}</excerpt:encoded><wp:post_id>${1000 + i}</wp:post_id>` +
    `<wp:post_date_gmt>${cdata(`2025-01-01 00:${String(i % 60).padStart(2, '0')}:00`)}</wp:post_date_gmt>` +
    `<wp:post_name>${cdata(`imported-${n}`)}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>` +
    `<category domain="category" nicename="hostile-${n % 5}">${cdata(`Section ${n % 5} ${p}`)}</category>` +
    `<category domain="post_tag" nicename="t${n}">${cdata(`Tag ${n} ${p}`)}</category></item>\n`;
});
// Every URL payload as a link, an image and a featured image.
const links = URL_PAYLOADS.map((u, i) => `<p><a href="${attr(u)}">link ${i}</a> <img src="${attr(u)}" alt="image ${i}"></p>`).join('\n\n');
items += `<item><title>Imported addresses</title><link>https://old.example/2019/01/01/imported-addresses/</link>` +
  `<dc:creator>ann</dc:creator><content:encoded>${cdata(`Addresses.\n\n${links}`)}</content:encoded>` +
  `<wp:post_id>2000</wp:post_id><wp:post_date_gmt>2025-02-01 00:00:00</wp:post_date_gmt>` +
  `<wp:post_name>imported-addresses</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>` +
  `<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>2001</wp:meta_value></wp:postmeta></item>\n` +
  `<item><title>x</title><wp:post_id>2001</wp:post_id><wp:post_type>attachment</wp:post_type>` +
  `<wp:attachment_url>${cdata(URL_PAYLOADS[0])}</wp:attachment_url></item>\n`;

const fixture = readFileSync('crates/builder/tests/fixtures/wordpress.xml', 'utf8');
const at = fixture.indexOf('\t<item>');
const exportText = fixture.slice(0, at) + authors + fixture.slice(at).replace('</channel>', `${items}</channel>`);
const exportFile = `${out}-export.xml`;
writeFileSync(exportFile, exportText);

execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'masthead-builder'], { stdio: 'inherit' });
const bin = join(process.env.CARGO_TARGET_DIR || 'target', 'release', 'masthead-build');
execFileSync(bin, ['import', 'wordpress', exportFile, '--out', content], { stdio: ['ignore', 'ignore', 'inherit'] });
// The app's files, as scripts/generated-site.sh copies them.
for (const name of readdirSync('dist')) {
  if (/\.(html|js|wasm|css|svg)$/.test(name)) cpSync(join('dist', name), join(out, name));
}
mkdirSync(join(out, 'archive'), { recursive: true });
cpSync('dist/archive/index.html', join(out, 'archive/index.html'));
mkdirSync(join(out, 'images'), { recursive: true });
cpSync('public/images/open-closed.svg', join(out, 'images/open-closed.svg'));
execFileSync(bin, ['site', '--content', content, '--dist', out], { stdio: ['ignore', 'ignore', 'inherit'] });
console.log(`imported site: ${payloads.length + 6} posts in ${out}`);
