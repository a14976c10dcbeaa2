// Gathers the lessons (lessons/NN-name.md and their files in lessons/files/<stem>/) into one JSON file,
// www/generated/lessons.json, that Trunk copies into dist/ and the page fetches and parses with
// `tickscope::lessons` (src/web/page/features/lessons.rs). Adding a lesson therefore needs no Rust change.
//
//   node scripts/build-lessons.mjs
//
// Run by Trunk as a pre_build hook (Trunk.toml), like scripts/build-editor.mjs. The file is rewritten only
// when its bytes change, so `trunk serve` (which watches www/) does not rebuild in a loop. This script does
// not validate lessons: the page reports a lesson it cannot parse, and `cargo test --test lessons` refuses it.
//
// Layout of the output (all strings are the files' text as UTF-8, unchanged):
//   { "lessons": [ { "file": "01-sync-vs-async.md", "text": "---\ntitle: …",
//                    "files": [ { "name": "notes/tuesday.txt", "text": "…" } ] }, … ] }
// Lessons are in file-name order; the page sorts them by number. Files are in path order, with `/` between
// folders.
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const LESSONS = join(ROOT, 'lessons');
const FILES = join(LESSONS, 'files');
const OUTFILE = join(ROOT, 'www/generated/lessons.json');
/** A lesson's file name: what `tickscope::lessons::stem_of` accepts. */
const LESSON_NAME = /^\d+-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;

/** Every file under `dir`, as paths relative to it with `/` separators, sorted; [] when `dir` is missing. */
async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split('\\').join('/'))
    .sort();
}

async function main() {
  const started = performance.now();
  const names = (await readdir(LESSONS)).filter((name) => LESSON_NAME.test(name)).sort();
  const lessons = [];
  for (const file of names) {
    const stem = file.slice(0, -'.md'.length);
    const folder = join(FILES, stem);
    const files = [];
    for (const name of await filesUnder(folder)) {
      files.push({ name, text: await readFile(join(folder, name), 'utf8') });
    }
    lessons.push({ file, text: await readFile(join(LESSONS, file), 'utf8'), files });
  }
  const bytes = Buffer.from(`${JSON.stringify({ lessons })}\n`, 'utf8');

  const previous = await readFile(OUTFILE).catch(() => null);
  const changed = !previous || !bytes.equals(previous);
  if (changed) {
    await mkdir(dirname(OUTFILE), { recursive: true });
    const temporary = `${OUTFILE}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, OUTFILE);
  }
  const elapsed = Math.round(performance.now() - started);
  console.log(
    `build-lessons: ${relative(ROOT, OUTFILE)} ${changed ? 'written' : 'unchanged'}: ` +
      `${lessons.length} lessons, ${bytes.length} bytes, ${elapsed} ms`,
  );
}

main().catch((error) => {
  console.error(`build-lessons: ${error.message}`);
  process.exit(1);
});
