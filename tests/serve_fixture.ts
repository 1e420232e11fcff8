/**
 * For the `phlb serve` tests: a backup root with two snapshots (a changed file, a copy with the same
 * content, names that need escaping and encoding, symlinks pointing inside and outside), and a
 * running `phlb serve` child process.
 * @module
 */
import { runBackup } from "../src/backup/engine.ts";
import { nativeUnavailableReason, openBackend } from "../src/fs/native/mod.ts";
import { IS_WINDOWS, NO_SYMLINKS, phlbCommandArgs, setMtime, symlinkSync, writeTree } from "./helpers.ts";

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

/**
 * The fixture's names that need escaping, with what a page and a download must show for each.
 * Windows forbids `<`, `>`, `"` and `\\` in names: there the names hold quotes and `&` instead.
 */
export const NAMES = IS_WINDOWS
  ? {
    markup: "x' onmouseover='alert(1)' &.html",
    markupHtml: "x&#39; onmouseover=&#39;alert(1)&#39; &amp;.html",
    // As in an href attribute: the URL keeps "'", which the attribute then escapes.
    markupHref: "x&#39;%20onmouseover%3D&#39;alert(1)&#39;%20%26.html",
    markupDisposition: `attachment; filename="x' onmouseover='alert(1)' &.html"; ` +
      `filename*=UTF-8''x%27%20onmouseover%3D%27alert%281%29%27%20%26.html`,
    quoted: "café 'quoted' ü.txt",
    quotedHtml: "café &#39;quoted&#39; ü.txt",
    quotedHref: "caf%C3%A9%20&#39;quoted&#39;%20%C3%BC.txt",
    quotedDisposition: `attachment; filename="caf_ 'quoted' _.txt"; ` +
      `filename*=UTF-8''caf%C3%A9%20%27quoted%27%20%C3%BC.txt`,
    /** A name with a backslash (shown, never served), where names can hold one. */
    backslash: undefined,
  }
  : {
    markup: "<img src=x onerror=alert(1)>.html",
    markupHtml: "&lt;img src=x onerror=alert(1)&gt;.html",
    markupHref: "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.html",
    markupDisposition: `attachment; filename="<img src=x onerror=alert(1)>.html"; ` +
      `filename*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.html`,
    quoted: 'café "quoted" ü.txt',
    quotedHtml: "café &quot;quoted&quot; ü.txt",
    quotedHref: "caf%C3%A9%20%22quoted%22%20%C3%BC.txt",
    quotedDisposition: `attachment; filename="caf_ _quoted_ _.txt"; ` +
      `filename*=UTF-8''caf%C3%A9%20%22quoted%22%20%C3%BC.txt`,
    backslash: "back\\slash.txt",
  };

/**
 * Whether the fixture holds its symlinks (`link-out` to /etc/passwd, `link-up`, `dirlink` to
 * docs): not where this process cannot make symlinks (see tests/helpers.ts NO_SYMLINKS).
 */
export const FIXTURE_SYMLINKS: boolean = NO_SYMLINKS === undefined;

/** Builds `dir/src` and backs it up twice into `dir/root` (backup name "src"). */
export async function makeServeFixture(dir: string): Promise<ServeFixture> {
  const src = `${dir}/src`;
  const root = `${dir}/root`;
  writeTree(src, {
    "docs/report.txt": "version one\n",
    "docs/notes.md": "# notes\n",
    [`web/${NAMES.markup}`]: "<script>alert('owned')</script><h1>user html</h1>\n",
    [NAMES.quoted]: "unicode name\n",
    "100% _raw_.txt": "percent and underscores\n",
    "bin/data.bin": new Uint8Array([0, 1, 2, 255, 254, 0, 10]),
    // Seven files everywhere: where a name cannot hold a backslash, another name takes its place.
    [NAMES.backslash ?? "semi;colon.txt"]: "a backslash in the name\n",
  });
  Deno.mkdirSync(`${src}/empty`);
  if (FIXTURE_SYMLINKS) {
    symlinkSync("/etc/passwd", `${src}/link-out`);
    symlinkSync("../../../../../../etc", `${src}/link-up`, "dir");
    symlinkSync("docs", `${src}/dirlink`, "dir");
  }
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

/**
 * Why names that are not valid UTF-8 cannot be tested here, or undefined when they can: they are
 * made with the native backend, on Linux (macOS filesystems refuse such names).
 */
export const RAW_NAMES_SKIP: string | undefined = Deno.build.os !== "linux"
  ? `names that are not valid UTF-8 are tested on Linux only (this is ${Deno.build.os})`
  : nativeUnavailableReason();

/** The bytes of `bad\xFF` and `copy\xFE` in {@linkcode makeRawNameFixture}. */
export const RAW_CONTENT = "raw-named content\n";

/** What {@linkcode makeRawNameFixture} built: one snapshot of backup name "src". */
export interface RawNameFixture {
  root: string;
  src: string;
  snapId: string;
  /** The mtime of every file, in ms. */
  mtimeMs: number;
}

/**
 * Builds `dir/src` with names that are not valid UTF-8 and backs it up into `dir/root`: `bad\xFF`
 * and `copy\xFE` (the same content and mtime, so linked: "same content elsewhere"), and the folder
 * `dir\xFD` holding `in\xFC.txt` and `plain.txt`. Needs the native backend (see {@linkcode RAW_NAMES_SKIP}).
 */
export async function makeRawNameFixture(dir: string): Promise<RawNameFixture> {
  const src = `${dir}/src`;
  writeTree(src, { "report.txt": "plain name\n" });
  const mtimeSec = 1_700_000_000;
  const fs = openBackend({ prefer: "native" });
  try {
    fs.mkdir(`${src}/dir\uDCFD`);
    for (
      const [rel, text] of [
        ["bad\uDCFF", RAW_CONTENT],
        ["copy\uDCFE", RAW_CONTENT],
        ["dir\uDCFD/in\uDCFC.txt", "inside a raw-named folder\n"],
        ["dir\uDCFD/plain.txt", "plain name in a raw-named folder\n"],
      ]
    ) {
      const f = fs.createNew(`${src}/${rel}`);
      f.writeSync(new TextEncoder().encode(text));
      f.close();
      fs.setTimes(`${src}/${rel}`, { atimeSec: mtimeSec, atimeNsec: 0, mtimeSec, mtimeNsec: 0 });
    }
  } finally {
    fs.close();
  }
  const r = await runBackup({
    source: src,
    root: `${dir}/root`,
    name: "src",
    now: new Date(2026, 0, 1, 10, 0, 0),
    fsBackend: "native",
  });
  return { root: r.root, src, snapId: r.snapshot, mtimeMs: mtimeSec * 1000 };
}

/** A running `phlb serve` child. */
export interface ServeChild {
  child: Deno.ChildProcess;
  url: string;
  /** What it printed before the URL line was seen, on stdout and stderr. */
  startOutput: string;
  /** Sends SIGTERM and returns the exit code and the rest of the output. */
  stop(): Promise<{ code: number; output: string }>;
}

/** Starts `phlb serve ARGS` and waits (at most 30 s) until it prints its URL. */
export async function startServe(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<ServeChild> {
  const child = new Deno.Command(Deno.execPath(), {
    args: phlbCommandArgs(["serve", ...args]),
    cwd: options.cwd,
    env: { NO_COLOR: "1", LC_ALL: "", LC_MESSAGES: "", LANG: "", ...options.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  const decoder = new TextDecoder();
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) output += decoder.decode(chunk, { stream: true });
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while (!url) {
    // The line that names the URL is in the run's language; the URL is the first one printed.
    // The start lines come in one write (src/report/serve_report.ts): the URL's line, ended, is all of them.
    const found = /(http:\/\/[^\s,;)]+)[^\n]*\n/.exec(output);
    url = found?.[1];
    if (url) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      await child.status;
      throw new Error(`phlb serve printed no URL within 30 s: ${output}`);
    }
    const exited = await Promise.race([child.status.then(() => true), new Promise((r) => setTimeout(r, 50))]);
    if (exited === true && !/http:\/\//.test(output)) {
      await pumps;
      throw new Error(`phlb serve exited early: ${output}`);
    }
  }
  const startOutput = output;
  return {
    child,
    url,
    startOutput,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      const status = await child.status;
      await pumps;
      return { code: status.code, output: output.slice(startOutput.length) };
    },
  };
}
