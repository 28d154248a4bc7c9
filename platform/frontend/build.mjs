// Bundles the browser code into platform/static/build/ (gitignored), which
// Django serves as /static/build/. Run with `npm run build` from the repo root.
import { rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

// Resolve everything from this file so the build does not depend on the cwd.
const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, '..', 'static', 'build');

// Font file names are content-hashed, so stale ones would pile up across builds.
await rm(outdir, { recursive: true, force: true });

const result = await esbuild.build({
  entryPoints: {
    editor: join(here, 'src', 'editor.js'),
    lesson: join(here, 'src', 'lesson.js'), // its KaTeX CSS import becomes lesson.css
  },
  outdir,
  bundle: true,
  minify: true,
  target: 'es2020',
  format: 'iife',
  sourcemap: false,
  // KaTeX's stylesheet references its fonts; emit them next to lesson.css.
  // esbuild writes the url()s relative to the CSS file, so they resolve
  // under /static/build/ without a publicPath.
  loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' },
  assetNames: '[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
});

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const outputs = Object.entries(result.metafile.outputs);
const fonts = outputs.filter(([file]) => /\.(woff2?|ttf)$/.test(file));
const main = outputs
  .filter(([file]) => /\.(js|css)$/.test(file))
  .map(([file, { bytes }]) => `${relative(outdir, file)} ${kb(bytes)}`);
const fontBytes = fonts.reduce((sum, [, { bytes }]) => sum + bytes, 0);
console.log(
  `Built ${relative(process.cwd(), outdir) || '.'}: ${main.join(', ')}` +
    ` + ${fonts.length} font files (${kb(fontBytes)})`,
);
