// Bundles the editor (www/editor/index.js: CodeMirror 6 from node_modules) into one minified classic script,
// www/generated/editor.js, that sets `globalThis.TickscopeEditor`. Prints its raw and gzip -9 sizes and fails
// when the gzip size is over the budget (issue 4: editor bundle <= 0.15 MB gzip).
//
// The bundled modules are wrapped in a function that runs on first use (the first `create` or `fromTextArea`):
// running the script only defines `TickscopeEditor`. Running CodeMirror's modules (their facets, the
// grammar's tables) is most of the bundle's cost, and the page puts it after its first output
// (src/web/page/views/editor.rs).
//
//   node scripts/build-editor.mjs             build (the file is rewritten only when its bytes change)
//   node scripts/build-editor.mjs --analyze   also list what takes the space, module by module
//
// Paths are relative to this file, so any working directory works (Trunk runs hooks from the repo root).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ENTRY = join(ROOT, 'www/editor/index.js');
const OUTFILE = join(ROOT, 'www/generated/editor.js');
const GZIP_BUDGET = 150_000; // bytes

const BANNER = `/* tickscope editor bundle, built by scripts/build-editor.mjs from www/editor/.
 * Includes CodeMirror 6 and Lezer (MIT, (c) Marijn Haverbeke and others, https://codemirror.net),
 * style-mod, crelt and w3c-keyname (MIT, (c) Marijn Haverbeke). */`;

/** The classic script: `TickscopeEditor` at once; the CommonJS bundle `modules` runs when first needed. */
function wrap(modules) {
  return `${BANNER}
(() => {
  "use strict";
  let editor = null;
  const load = () => {
    if (!editor) {
      const module = { exports: {} };
      (function (module, exports) {
${modules}
      })(module, module.exports);
      editor = module.exports;
    }
    return editor;
  };
  globalThis.TickscopeEditor = Object.freeze({
    /** Creates an editor inside parent; see www/editor/README.md for the options. */
    create: (parent, options) => load().create(parent, options),
    /** Replaces a textarea with an editor holding its text, selection, scroll position and focus. */
    fromTextArea: (area, options) => load().fromTextArea(area, options),
  });
})();
`;
}

async function main() {
  const analyze = process.argv.includes('--analyze');
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    throw new Error(`esbuild is not installed (run \`npm ci\` in ${ROOT}): ${error.message}`);
  }

  const started = performance.now();
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'cjs',
    minify: true,
    target: ['es2020'],
    platform: 'browser',
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    metafile: analyze,
    logLevel: 'silent',
    absWorkingDir: ROOT,
  });
  for (const warning of result.warnings) {
    console.warn(`build-editor: warning: ${warning.text}`);
  }
  const bytes = Buffer.from(wrap(result.outputFiles[0].text), 'utf8');

  // Rewrite only on change: the file's mtime then means something, and `trunk serve` (which watches www/)
  // does not see a new file after every build.
  const previous = await readFile(OUTFILE).catch(() => null);
  const changed = !previous || !Buffer.from(bytes).equals(previous);
  if (changed) {
    await mkdir(dirname(OUTFILE), { recursive: true });
    const temporary = `${OUTFILE}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, OUTFILE);
  }

  const gzip = gzipSync(bytes, { level: 9 }).length;
  const elapsed = Math.round(performance.now() - started);
  console.log(
    `build-editor: ${relative(ROOT, OUTFILE)} ${changed ? 'written' : 'unchanged'}: ` +
      `${bytes.length} bytes raw, ${gzip} bytes gzip -9 (budget ${GZIP_BUDGET}), ${elapsed} ms`,
  );
  if (analyze) {
    console.log(await esbuild.analyzeMetafile(result.metafile));
  }
  if (gzip > GZIP_BUDGET) {
    throw new Error(`the bundle is ${gzip} bytes gzip, over the budget of ${GZIP_BUDGET}`);
  }
}

main().catch((error) => {
  for (const e of error.errors ?? []) {
    const where = e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ` : '';
    console.error(`build-editor: ${where}${e.text}`);
  }
  if (!error.errors?.length) console.error(`build-editor: ${error.message}`);
  process.exit(1);
});
