/**
 * For the `phlb serve` tests of space, changes and diffs (and the docs' screenshots): a root with two
 * backup names whose runs change, add, move and delete files, a 1 MiB text file in two versions, a
 * binary file in two versions,
 * a large first run followed by small ones, photos shared between the names (content links), and
 * names holding markup and bidi controls. Deterministic: fixed contents, mtimes and snapshot times.
 * @module
 */
import { runBackup } from "../src/backup/engine.ts";
import { BackupIndex } from "../src/index/index.ts";
import { setMtime, writeTree } from "./helpers.ts";

/** A name holding markup, added by the second run (not on Windows, which forbids `<` and `>` in names). */
export const MARKUP_NAME = `<b onmouseover=alert(1)>bold & 'quoted'.txt`;
/** A name holding U+202E RIGHT-TO-LEFT OVERRIDE: it would read as "invoiceexe.txt". */
export const BIDI_NAME = "invoice\u202Etxt.exe";
/** A name with bidi isolates (U+2067, U+2069), added by the second run. */
export const BIDI_NAME_2 = "notes/\u2067hidden\u2069.txt";
/** notes/todo.md in the first run. */
export const TODO_V1 = "# To do\n\n- buy milk\n- call Anna\n- fix the bike\n- water the plants\n";
/** notes/todo.md from the second run on: one line changed, one removed, one with markup added. */
export const TODO_V2 =
  `# To do\n\n- buy milk\n- call Anna about <b>Friday</b>\n- water the plants\n- check <script>alert("x")</script> in the log\n`;
/** Lines of report/big.txt (64 bytes each: 1 MiB). */
export const BIG_LINES = 16_384;
/** The lines of report/big.txt that version 2 changes (1%). */
export const BIG_CHANGED = Array.from({ length: 164 }, (_, i) => 50 + i * 100);

/** report/big.txt: 1 MiB of 64-byte lines; version 2 changes 1% of them. */
export function bigText(version: 1 | 2): string {
  const lines: string[] = [];
  const changed = new Set(version === 2 ? BIG_CHANGED : []);
  for (let i = 0; i < BIG_LINES; i++) {
    const head = changed.has(i)
      ? `line ${i + 1} was edited in version two`
      : `line ${i + 1} of the yearly report`;
    lines.push(head.padEnd(63, "."));
  }
  return lines.join("\n") + "\n";
}

/** Deterministic bytes that do not compress (a stand-in for photos). */
function photo(seed: number, sizeBytes = 64 << 10): Uint8Array {
  const out = new Uint8Array(sizeBytes);
  let s = seed * 2654435761 >>> 0;
  for (let i = 0; i < out.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 255;
  }
  return out;
}

/** What {@linkcode makeHistoryFixture} built. */
export interface HistoryFixture {
  root: string;
  /** The source of backup name "Documents". */
  docs: string;
  /** Snapshot ids of "Documents", oldest first: the big first run, a small one the same day, the next day. */
  runs: [string, string, string];
  /** Snapshot ids of "Photos", oldest first. */
  photoRuns: [string, string];
}

const at = (day: number, h: number, m = 0) => new Date(2026, 2, day, h, m, 0);

/** Sets the mtime of every file under `dir` (with `files`) and of every folder, `dir` included. */
function stampTree(dir: string, epochSeconds: number, options: { files: boolean }): void {
  for (const e of Deno.readDirSync(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) stampTree(p, epochSeconds, options);
    else if (e.isFile && options.files) setMtime(p, epochSeconds);
  }
  setMtime(dir, epochSeconds);
}

/**
 * Builds the sources under `dir` and backs them up into `dir/root`: "Documents" three times
 * (2026-03-02 09:00, 14:30, 2026-03-03 09:00), "Photos" twice (2026-03-01 20:00, 2026-03-03 20:00).
 * Every run's recorded times are then set to the time its snapshot is named after, as if it had
 * run then, each taking 1.5 s.
 */
export async function makeHistoryFixture(dir: string): Promise<HistoryFixture> {
  const docs = `${dir}/Documents`;
  const pics = `${dir}/Photos`;
  const root = `${dir}/root`;
  const files: Record<string, string | Uint8Array> = {
    "notes/todo.md": TODO_V1,
    "notes/meeting.txt": "Meeting on Monday: budget, holidays.\n",
    "report/big.txt": bigText(1),
    "data.bin": new Uint8Array([0, 159, 146, 150, 0, 1, 2]),
    [BIDI_NAME]: "not a program\n",
  };
  for (let i = 1; i <= 24; i++) files[`photos/img-${String(i).padStart(2, "0")}.jpg`] = photo(i);
  writeTree(docs, files);
  stampTree(docs, at(1, 12).getTime() / 1000, { files: true });
  const photoFiles: Record<string, Uint8Array> = {};
  // The first eight are the same pictures as in Documents: stored once, linked.
  for (let i = 1; i <= 12; i++) {
    photoFiles[`2026/pic-${String(i).padStart(2, "0")}.jpg`] = photo(i <= 8 ? i : 100 + i);
  }
  writeTree(pics, photoFiles);
  stampTree(pics, at(1, 12).getTime() / 1000, { files: true });

  const photo1 = await runBackup({ source: pics, root, name: "Photos", now: at(1, 20) });
  const run1 = await runBackup({ source: docs, root, name: "Documents", now: at(2, 9) });

  Deno.writeTextFileSync(`${docs}/notes/todo.md`, TODO_V2);
  setMtime(`${docs}/notes/todo.md`, at(2, 13).getTime() / 1000);
  Deno.writeTextFileSync(`${docs}/notes/ideas.txt`, "A garden shed.\n");
  setMtime(`${docs}/notes/ideas.txt`, at(2, 13).getTime() / 1000);
  Deno.writeTextFileSync(`${docs}/${BIDI_NAME_2}`, "isolated\n");
  setMtime(`${docs}/${BIDI_NAME_2}`, at(2, 13).getTime() / 1000);
  if (Deno.build.os !== "windows") {
    Deno.writeTextFileSync(`${docs}/${MARKUP_NAME}`, "markup in the name\n");
    setMtime(`${docs}/${MARKUP_NAME}`, at(2, 13).getTime() / 1000);
  }
  stampTree(docs, at(2, 13).getTime() / 1000, { files: false });
  const run2 = await runBackup({ source: docs, root, name: "Documents", now: at(2, 14, 30) });

  Deno.writeTextFileSync(`${docs}/report/big.txt`, bigText(2));
  setMtime(`${docs}/report/big.txt`, at(3, 8).getTime() / 1000);
  Deno.writeFileSync(`${docs}/data.bin`, new Uint8Array([0, 159, 146, 150, 0, 9, 9, 9]));
  setMtime(`${docs}/data.bin`, at(3, 8).getTime() / 1000);
  Deno.removeSync(`${docs}/notes/meeting.txt`);
  Deno.mkdirSync(`${docs}/archive`);
  Deno.renameSync(`${docs}/photos/img-01.jpg`, `${docs}/archive/img-01.jpg`);
  stampTree(docs, at(3, 8).getTime() / 1000, { files: false });
  const run3 = await runBackup({ source: docs, root, name: "Documents", now: at(3, 9) });

  Deno.writeFileSync(`${pics}/2026/pic-13.jpg`, photo(113, 32 << 10));
  setMtime(`${pics}/2026/pic-13.jpg`, at(3, 18).getTime() / 1000);
  stampTree(pics, at(3, 18).getTime() / 1000, { files: false });
  const photo2 = await runBackup({ source: pics, root, name: "Photos", now: at(3, 20) });

  backdate(run1.root, [
    ["Photos", photo1.snapshot, at(1, 20)],
    ["Documents", run1.snapshot, at(2, 9)],
    ["Documents", run2.snapshot, at(2, 14, 30)],
    ["Documents", run3.snapshot, at(3, 9)],
    ["Photos", photo2.snapshot, at(3, 20)],
  ]);
  return {
    root: run1.root,
    docs,
    runs: [run1.snapshot, run2.snapshot, run3.snapshot],
    photoRuns: [photo1.snapshot, photo2.snapshot],
  };
}

/** Sets each run's start, finish and duration (index row and summary sidecar) as if it had run at `when`. */
function backdate(root: string, runs: [name: string, id: string, when: Date][]): void {
  const index = BackupIndex.open(`${root}/.phlb`);
  try {
    for (const [name, id, when] of runs) {
      const path = `${root}/${name}/${id}.summary.json`;
      const summary = JSON.parse(Deno.readTextFileSync(path));
      summary.startedAt = when.toISOString();
      summary.finishedAt = new Date(when.getTime() + 1500).toISOString();
      summary.durationMs = 1500;
      const text = JSON.stringify(summary, null, 2) + "\n";
      Deno.writeTextFileSync(path, text);
      index.statement(
        "UPDATE snapshots SET started_ms = ?, finished_ms = ?, summary = ? WHERE name = ? AND snap_id = ?",
      )
        .run(when.getTime(), when.getTime() + 1500, text, name, id);
    }
  } finally {
    index.close();
  }
}
