// Minifies the app's JavaScript glue (wasm-bindgen's output, which trunk 0.21 copies as
// it is) and the start-up guard (boot.js, a classic script) in a build folder with
// esbuild, and gives index.html the glue's new integrity hash. Run by trunk's post_build hook (Trunk.toml) before the builder makes the pages
// from index.html. Usage: node scripts/minify-glue.mjs BUILD_DIR
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/minify-glue.mjs BUILD_DIR');
  process.exit(2);
}
const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const indexPath = join(dir, 'index.html');
let index = readFileSync(indexPath, 'utf8');
const glue = readdirSync(dir).filter((f) => /^masthead-[0-9a-f]+\.js$/.test(f));
if (glue.length === 0) {
  console.error(`minify-glue: no masthead-*.js in ${dir}`);
  process.exit(1);
}
for (const name of glue) {
  const path = join(dir, name);
  const before = readFileSync(path);
  const { code } = transformSync(before.toString('utf8'), { minify: true, format: 'esm', target: 'es2020' });
  const after = Buffer.from(code);
  const [old, now] = [integrity(before), integrity(after)];
  if (!index.includes(old)) {
    console.error(`minify-glue: index.html gives no integrity ${old} for ${name}; left as it is`);
    process.exit(1);
  }
  writeFileSync(path, after);
  index = index.split(old).join(now);
  console.log(`minify-glue: ${name} ${before.length} -> ${after.length} bytes`);
}
writeFileSync(indexPath, index);
// boot.js has no integrity attribute; it stays a classic script.
const boot = join(dir, 'boot.js');
try {
  const before = readFileSync(boot, 'utf8');
  const { code } = transformSync(before, { minify: true, target: 'es2015' });
  writeFileSync(boot, code);
  console.log(`minify-glue: boot.js ${before.length} -> ${code.length} bytes`);
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
}
