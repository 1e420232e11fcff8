import { fileURLToPath } from "node:url";
import { assert, assertEquals } from "../../tests/assert.ts";
import { IS_WINDOWS, withTempDir } from "../../tests/helpers.ts";
import { FatalError, InterruptedError } from "../errors.ts";
import {
  type ContentJob,
  ContentPool,
  type ContentRunner,
  InThreadContent,
  type JobResult,
} from "./content_pool.ts";
import { hashReaderSync, sha256Hex } from "./hash.ts";
import { type FsBackend, nativeUnavailableReason, openBackend } from "./native/mod.ts";

function bytesOf(sizeBytes: number, seed: number): Uint8Array {
  return new Uint8Array(sizeBytes).map((_, i) => (i * 7 + seed + (i >> 10)) & 0xff);
}

/** A result as plain data to compare: the inode of a new file and times of reading left out. */
function comparable(r: JobResult): unknown {
  if (!r.ok) return { ok: false, stage: r.stage, error: (r.error as Error).name };
  const { readAtMs: _, ...rest } = r as JobResult & { readAtMs?: number };
  const out: Record<string, unknown> = { ...rest };
  if ("bytes" in out) out.bytes = sha256Hex(out.bytes as Uint8Array);
  if ("written" in out) out.written = { ...(out.written as object), ino: "new" };
  return withoutAtimes(out);
}

/**
 * Atimes left out: the Deno API cannot open without updating them (the native layer opens with
 * O_NOATIME as root), so the workers' second read of the same source sees a later atime.
 */
function withoutAtimes(v: unknown): unknown {
  if (typeof v !== "object" || v === null || v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return v.map(withoutAtimes);
  return Object.fromEntries(
    Object.entries(v).filter(([k]) => !k.startsWith("atime")).map(([k, x]) => [k, withoutAtimes(x)]),
  );
}

const NATIVE = nativeUnavailableReason() === undefined;

/** The sha256 of a file reached through the backend (its name may not be valid UTF-8). */
function fileHash(fs: FsBackend, path: string): string {
  const f = fs.openRead(path);
  try {
    return hashReaderSync(f, { buffer: new Uint8Array(1 << 16) }).hash;
  } finally {
    f.close();
  }
}

/** Files of every size class, one with a name that is not valid UTF-8 where names can be raw bytes. */
function sources(fs: FsBackend, dir: string): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  for (const [name, size] of [["empty", 0], ["small", 100], ["chunks", (1 << 20) * 2 + 17]] as const) {
    Deno.writeFileSync(`${dir}/${name}`, bytesOf(size, size));
    out.push({ path: `${dir}/${name}`, size });
  }
  if (fs.fidelity.rawNames) {
    // "bad\xff": the name's bytes, as an fs-string.
    const raw = fs.decodePath(new Uint8Array([0x62, 0x61, 0x64, 0xff]));
    const f = fs.createNew(`${dir}/${raw}`);
    f.writeSync(bytesOf(5000, 3));
    f.close();
    out.push({ path: `${dir}/${raw}`, size: 5000 });
  }
  if (fs.fidelity.xattrs) {
    try {
      fs.setXattr(`${dir}/small`, { name: "user.phlb-test", value: new TextEncoder().encode("kept") });
    } catch { /* the filesystem has none: the results still have to agree */ }
  }
  // Nanosecond mtimes and an odd mode, which a copy keeps.
  Deno.chmodSync(`${dir}/small`, 0o751);
  fs.setTimes(`${dir}/small`, {
    atimeSec: 1_600_000_000,
    atimeNsec: 5,
    mtimeSec: 1_600_000_000,
    mtimeNsec: 123456789,
  });
  return out;
}

async function everyJob(runner: ContentRunner, files: { path: string; size: number }[], dest: string) {
  const results: unknown[] = [];
  let n = 0;
  for (const { path, size } of files) {
    const jobs: ContentJob[] = [
      { kind: "read", path, sizeBytes: size, facts: true },
      { kind: "hash", path, facts: true },
      { kind: "copy", path, dest: `${dest}/copy${n}`, facts: true },
    ];
    for (const job of jobs) results.push(comparable(await runner.run(job)));
    const t = { atimeSec: 1_500_000_000, atimeNsec: 7, mtimeSec: 1_500_000_000, mtimeNsec: 987654321 };
    const written = await runner.run({
      kind: "write",
      dest: `${dest}/write${n}`,
      bytes: bytesOf(size, 9),
      mode: 0o640,
      times: t,
    });
    results.push(comparable(written));
    n++;
  }
  return results;
}

Deno.test("content jobs give the same results in workers as on the main thread, names, times and xattrs kept", async () => {
  await withTempDir(async (t) => {
    const fs = openBackend();
    try {
      Deno.mkdirSync(`${t}/src`);
      const files = sources(fs, `${t}/src`);
      for (const d of ["main", "pool"]) Deno.mkdirSync(`${t}/${d}`);
      const main = await everyJob(new InThreadContent(fs), files, `${t}/main`);
      const pool = new ContentPool({ workers: 2, backend: fs.kind });
      let inWorkers;
      try {
        inWorkers = await everyJob(pool, files, `${t}/pool`);
      } finally {
        pool.close();
      }
      assertEquals(inWorkers, main);
      assertEquals((main[0] as { hashHex: string }).hashHex, sha256Hex(new Uint8Array(0)));
      // Four results per file: "small" is the second file, its read the fifth result.
      const small = inWorkers[4] as { xattrs?: { name: string }[]; mid: { mtimeNsec: number } };
      if (fs.fidelity.xattrs) assertEquals(small.xattrs?.map((x) => x.name), ["user.phlb-test"]);
      if (fs.fidelity.nanosecondTimes) assertEquals(small.mid.mtimeNsec, 123456789);
      for (let i = 0; i < files.length; i++) {
        // The copy is the source's bytes with its permission bits and nanosecond mtime.
        const src = fs.lstat(files[i].path);
        const copy = fs.lstat(`${t}/pool/copy${i}`);
        assertEquals(fileHash(fs, `${t}/pool/copy${i}`), fileHash(fs, files[i].path));
        assertEquals([copy.mode & 0o7777, copy.mtimeSec], [src.mode & 0o7777, src.mtimeSec]);
        if (fs.fidelity.nanosecondTimes) assertEquals(copy.mtimeNsec, src.mtimeNsec);
        const w = fs.lstat(`${t}/pool/write${i}`);
        assertEquals(w.mtimeSec, 1_500_000_000);
        // Windows has no POSIX mode bits: lstat says 0o666 (0o444 read-only) whatever was asked.
        if (!IS_WINDOWS) assertEquals(w.mode & 0o777, 0o640 & ~Deno.umask());
        if (fs.fidelity.nanosecondTimes) assertEquals(w.mtimeNsec, 987654321);
      }
      if (NATIVE && Deno.build.os === "linux") assertEquals(files.length, 4, "the raw-byte name was made");
    } finally {
      fs.close();
    }
  });
});

Deno.test("a job's failure is its result: the step, and the error class Deno's API would throw", async () => {
  await withTempDir(async (t) => {
    Deno.writeTextFileSync(`${t}/exists`, "x");
    const pool = new ContentPool({ workers: 1, backend: openBackend().kind });
    try {
      const missing = await pool.run({ kind: "read", path: `${t}/missing`, sizeBytes: 1, facts: false });
      assert(!missing.ok && missing.stage === "open", JSON.stringify(comparable(missing)));
      assert(missing.error instanceof Deno.errors.NotFound, String(missing.error));
      assertEquals((missing.error as { code?: string }).code, "ENOENT");
      const t0 = { atimeSec: 0, atimeNsec: 0, mtimeSec: 0, mtimeNsec: 0 };
      const over = await pool.run({
        kind: "write",
        dest: `${t}/exists`,
        bytes: new Uint8Array(1),
        mode: 0o644,
        times: t0,
      });
      assert(
        !over.ok && over.stage === "write" && over.error instanceof Deno.errors.AlreadyExists,
        String(over),
      );
      assertEquals(Deno.readTextFileSync(`${t}/exists`), "x", "an existing file is never written into");
      const nowhere = await pool.run({
        kind: "copy",
        path: `${t}/exists`,
        dest: `${t}/no/such/dir/f`,
        facts: false,
      });
      assert(
        !nowhere.ok && nowhere.stage === "write" && nowhere.error instanceof Deno.errors.NotFound,
        String(nowhere),
      );
    } finally {
      pool.close();
    }
  });
});

Deno.test("workers start at the first job, once; read bytes and written bytes move, never copied", async () => {
  await withTempDir(async (t) => {
    Deno.writeFileSync(`${t}/f`, bytesOf(50_000, 1));
    const starts: number[] = [];
    const pool = new ContentPool({ workers: 2, backend: openBackend().kind, onStart: (n) => starts.push(n) });
    try {
      await new Promise((r) => setTimeout(r, 50));
      assertEquals(starts, [], "started before any job");
      const reads = await Promise.all(
        Array.from(
          { length: 40 },
          () => pool.run({ kind: "read", path: `${t}/f`, sizeBytes: 50_000, facts: false }),
        ),
      );
      assertEquals(starts, [2]);
      for (const r of reads) assert(r.ok && sha256Hex(r.bytes) === sha256Hex(bytesOf(50_000, 1)));
      // Each read has a buffer of its own.
      assertEquals(new Set(reads.map((r) => r.ok && r.bytes.buffer)).size, 40);
      const bytes = (reads[0] as { bytes: Uint8Array }).bytes;
      const t0 = { atimeSec: 0, atimeNsec: 0, mtimeSec: 0, mtimeNsec: 0 };
      const written = pool.run({ kind: "write", dest: `${t}/w`, bytes, mode: 0o644, times: t0 });
      await Promise.resolve(); // the batch is sent at the end of this turn
      assert((bytes.buffer as ArrayBuffer).detached, "the bytes to write were copied, not moved");
      assert((await written).ok);
      assertEquals(sha256Hex(Deno.readFileSync(`${t}/w`)), sha256Hex(bytesOf(50_000, 1)));
      // A buffer given back goes with the next batch.
      const back = (reads[1] as { bytes: Uint8Array }).bytes;
      pool.recycle(back);
      await pool.run({ kind: "hash", path: `${t}/f`, facts: false });
      assert((back.buffer as ArrayBuffer).detached, "a recycled buffer stayed here");
      assertEquals(starts, [2]);
    } finally {
      pool.close();
    }
  });
});

Deno.test("a file kept open after its hash and renamed over before its copy: the copy is the opened file, and now says the path names another", async () => {
  await withTempDir(async (t) => {
    const backend = openBackend();
    const runners: [string, ContentRunner][] = [
      ["in-thread", new InThreadContent(backend)],
      ["workers", new ContentPool({ workers: 2, backend: backend.kind })],
    ];
    try {
      for (const [label, runner] of runners) {
        const path = `${t}/${label}.bin`;
        Deno.writeFileSync(path, bytesOf(3 << 20, 1));
        const opened = Deno.lstatSync(path).ino!;
        const hashed = await runner.run({ kind: "hash", path, facts: true, keep: true });
        assert(hashed.ok && hashed.handle !== undefined, label);
        assertEquals(hashed.now?.ino, opened, label);
        // Renamed over after the hash pass, before the copy (the file waited for its turn).
        Deno.writeFileSync(`${path}.new`, bytesOf(3 << 20, 2));
        // Windows refuses a rename over a file another handle holds open (Access denied, os error 5;
        // measured under Wine): there the open file is moved aside first, as a save that keeps a
        // backup does. Either way the path names another file while the handle still reads the first.
        if (IS_WINDOWS) Deno.renameSync(path, `${path}.old`);
        Deno.renameSync(`${path}.new`, path);
        const copied = await runner.run({
          kind: "copyOpen",
          handle: hashed.handle,
          dest: `${t}/${label}.copy`,
          path,
        });
        assert(copied.ok, label);
        assertEquals(copied.hashHex, hashed.hashHex, `${label}: the copy is not the file that was hashed`);
        assertEquals(sha256Hex(Deno.readFileSync(`${t}/${label}.copy`)), sha256Hex(bytesOf(3 << 20, 1)));
        assertEquals(copied.now?.ino, Deno.lstatSync(path).ino, `${label}: now is not what the path names`);
        assert(copied.now?.ino !== opened, label);
        // Deleted after the hash: now is nothing.
        const again = await runner.run({ kind: "hash", path, facts: true, keep: true });
        assert(again.ok && again.handle !== undefined, label);
        Deno.removeSync(path);
        const gone = await runner.run({
          kind: "copyOpen",
          handle: again.handle,
          dest: `${t}/${label}.copy2`,
          path,
        });
        assert(gone.ok, label);
        assertEquals(gone.now, undefined, label);
      }
    } finally {
      for (const [, r] of runners) r.close();
    }
  });
});

Deno.test("a worker that dies fails its jobs and every later one with a FatalError; nothing hangs", async () => {
  await withTempDir(async (t) => {
    for (let i = 0; i < 20; i++) Deno.writeTextFileSync(`${t}/f${i}`, `file ${i}`);
    const pool = new ContentPool({ workers: 2, backend: openBackend().kind, crashOn: "/f7" });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => pool.run({ kind: "hash", path: `${t}/f${i}`, facts: false })),
      );
      const failed = results.filter((r) => r.status === "rejected");
      assert(failed.length > 0, "no job failed");
      for (const r of failed) {
        const err = (r as PromiseRejectedResult).reason;
        assert(err instanceof FatalError && /stopped/.test(err.message), String(err));
      }
      const later = await pool.run({ kind: "hash", path: `${t}/f0`, facts: false }).catch((e) => e);
      assert(later instanceof FatalError, String(later));
    } finally {
      pool.close();
    }
  });
});

Deno.test("an abort terminates the workers and rejects what is pending with InterruptedError", async () => {
  await withTempDir(async (t) => {
    const f = Deno.openSync(`${t}/big`, { write: true, create: true });
    for (let i = 0; i < 64; i++) f.writeSync(bytesOf(1 << 20, i));
    f.close();
    const controller = new AbortController();
    const pool = new ContentPool({ workers: 1, backend: openBackend().kind, signal: controller.signal });
    try {
      const jobs = Array.from(
        { length: 8 },
        () => pool.run({ kind: "hash", path: `${t}/big`, facts: false }),
      );
      await jobs[0];
      controller.abort();
      const rest = await Promise.allSettled(jobs.slice(1));
      assert(rest.some((r) => r.status === "rejected"), "nothing was pending when the abort came");
      for (const r of rest) {
        if (r.status === "rejected") assert(r.reason instanceof InterruptedError, String(r.reason));
      }
      const after = await pool.run({ kind: "hash", path: `${t}/big`, facts: false }).catch((e) => e);
      assert(after instanceof InterruptedError, String(after));
    } finally {
      pool.close();
    }
  });
});

Deno.test("workers read and write where the main thread may, and nowhere else", async () => {
  await withTempDir(async (t) => {
    for (const d of ["in", "out"]) Deno.mkdirSync(`${t}/${d}`);
    Deno.writeTextFileSync(`${t}/in/a.txt`, "hello");
    Deno.writeTextFileSync(`${t}/outside.txt`, "secret");
    const pool = new URL("./content_pool.ts", import.meta.url).href;
    const script = `${t}/probe.ts`;
    Deno.writeTextFileSync(
      script,
      `import { ContentPool } from ${JSON.stringify(pool)};
const pool = new ContentPool({ workers: 1, backend: "deno" });
const show = (r) => r.ok ? "ok" : r.stage + " " + r.error.name;
const t = { atimeSec: 1, atimeNsec: 0, mtimeSec: 1, mtimeNsec: 0 };
const out = [
  show(await pool.run({ kind: "read", path: ${
        JSON.stringify(`${t}/in/a.txt`)
      }, sizeBytes: 5, facts: false })),
  show(await pool.run({ kind: "read", path: ${
        JSON.stringify(`${t}/outside.txt`)
      }, sizeBytes: 6, facts: false })),
  show(await pool.run({ kind: "write", dest: ${
        JSON.stringify(`${t}/out/w`)
      }, bytes: new Uint8Array(2), mode: 420, times: t })),
  show(await pool.run({ kind: "write", dest: ${
        JSON.stringify(`${t}/in/w`)
      }, bytes: new Uint8Array(2), mode: 420, times: t })),
];
pool.close();
console.log(JSON.stringify(out));
`,
    );
    const src = fileURLToPath(new URL("../", import.meta.url));
    const r = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-prompt",
        "--no-check",
        `--allow-read=${t}/in,${t}/out,${src},${script}`,
        `--allow-write=${t}/out`,
        script,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(r.stdout);
    assertEquals(r.code, 0, new TextDecoder().decode(r.stderr));
    assertEquals(JSON.parse(stdout), ["ok", "open NotCapable", "ok", "write NotCapable"]);
  });
});
