/**
 * A backup root with two snapshots for the `phlb serve` tests: a changed file, a copy with the same
 * content, names that need escaping and encoding, and symlinks pointing inside and outside.
 * @module
 */
import { runBackup } from "../src/backup/engine.ts";
import { setMtime, writeTree } from "./helpers.ts";

/** What {@linkcode makeServeFixture} built. */
export interface ServeFixture {
  root: string;
  src: string;
  /** Snapshot ids, oldest first. */
  first: string;
  second: string;
}

/** The bytes of docs/report.txt in the second snapshot. */
export const REPORT_V2 = "version two of the report\nline 2 <b>not bold</b> & more\n";

/** Builds `dir/src` and backs it up twice into `dir/root` (backup name "src"). */
export async function makeServeFixture(dir: string): Promise<ServeFixture> {
  const src = `${dir}/src`;
  const root = `${dir}/root`;
  writeTree(src, {
    "docs/report.txt": "version one\n",
    "docs/notes.md": "# notes\n",
    "web/<img src=x onerror=alert(1)>.html": "<script>alert('owned')</script><h1>user html</h1>\n",
    'café "quoted" ü.txt': "unicode name\n",
    "100% _raw_.txt": "percent and underscores\n",
    "bin/data.bin": new Uint8Array([0, 1, 2, 255, 254, 0, 10]),
    "back\\slash.txt": "a backslash in the name\n",
  });
  Deno.mkdirSync(`${src}/empty`);
  Deno.symlinkSync("/etc/passwd", `${src}/link-out`);
  Deno.symlinkSync("../../../../../../etc", `${src}/link-up`);
  Deno.symlinkSync("docs", `${src}/dirlink`);
  setMtime(`${src}/docs/report.txt`, 1_700_000_000);
  const first = await runBackup({ source: src, root, name: "src", now: new Date(2026, 0, 1, 10, 0, 0) });
  Deno.writeTextFileSync(`${src}/docs/report.txt`, REPORT_V2);
  setMtime(`${src}/docs/report.txt`, 1_700_100_000);
  // Same bytes and mtime as the new report: linked to it, so it shows as "same content elsewhere".
  Deno.writeTextFileSync(`${src}/docs/copy-of-report.txt`, REPORT_V2);
  setMtime(`${src}/docs/copy-of-report.txt`, 1_700_100_000);
  const second = await runBackup({ source: src, root, name: "src", now: new Date(2026, 0, 3, 10, 0, 0) });
  return { root: first.root, src, first: first.snapshot, second: second.snapshot };
}
