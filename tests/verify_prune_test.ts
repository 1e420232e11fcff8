/**
 * `phlb verify --all` and `phlb prune` at the same time, in both orders. verify takes no lock (a
 * backup from cron must never be refused because a verify runs), so a snapshot can be removed under
 * it: it must say so, never report the removal as damage, and never exit 4.
 * @module
 */
import { runBackup } from "../src/backup/engine.ts";
import type { VerifyProblem } from "../src/verify/summary.ts";
import { runVerify } from "../src/verify/verify.ts";
import { assert, assertEquals } from "./assert.ts";
import { IS_LINUX, PhlbChild } from "./fault_helpers.ts";
import { snapshots, withTempDir, writeTree } from "./helpers.ts";

const SNAPSHOTS = 6;

/**
 * A root of 6 daily snapshots; each holds 800 files of its own (so that verifying one and removing
 * one take a moment) and some shared ones.
 */
async function rootWithSnapshots(t: string): Promise<{ root: string; ids: string[] }> {
  const src = `${t}/src`;
  const root = `${t}/root`;
  writeTree(src, { "shared/a.txt": "a", "shared/b.txt": "b".repeat(10_000) });
  for (let d = 0; d < SNAPSHOTS; d++) {
    if (d > 0) Deno.removeSync(`${src}/day${d - 1}`, { recursive: true });
    const own: Record<string, string> = {};
    for (let i = 0; i < 800; i++) {
      own[`day${d}/g${i % 20}/f${i}.txt`] = `day ${d} file ${i} `.repeat(1 + (i % 30));
    }
    writeTree(src, own);
    await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, 1 + d) });
  }
  return { root, ids: snapshots(root, "src") };
}

/** Waits (blocking: verify's callbacks are synchronous) until `path` is gone, at most 30 s. */
function blockUntilGone(path: string): void {
  const until = Date.now() + 30_000;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < until) {
    try {
      Deno.lstatSync(path);
    } catch {
      return;
    }
    Atomics.wait(nap, 0, 0, 5);
  }
}

/** Verifies every snapshot of `root` in this process; `onFirstSnapshot` runs as the first one begins. */
async function verifyAll(root: string, onFirstSnapshot: (path: string) => void) {
  const problems: VerifyProblem[] = [];
  const notices: string[] = [];
  let first = true;
  const summary = await runVerify({ root, all: true }, {
    onProblem: (p) => problems.push(p),
    onNotice: (m) => notices.push(m),
    onSnapshot: ({ path }) => {
      if (first) onFirstSnapshot(path);
      first = false;
    },
  });
  return { summary, problems, notices };
}

/** No damage reported, and at least one snapshot removed under the verify (else the test proves nothing). */
function checkVerify(r: Awaited<ReturnType<typeof verifyAll>>): void {
  assertEquals(r.problems.slice(0, 5), [], "the removal was reported as damage");
  assertEquals(r.summary.status, "ok");
  assert(r.summary.removed.length > 0, "nothing was removed under the verify: the test proves nothing");
  for (const label of r.summary.removed) {
    assert(
      r.notices.some((n) => n.startsWith(`${label} was removed while verify ran`)),
      r.notices.join("\n"),
    );
  }
  assert(!r.notices.some((n) => n.includes("vanished during the backup")), r.notices.join("\n"));
}

Deno.test({
  name:
    "verify --all, then prune while it runs: the snapshots removed under it are reported as removed, not damage",
  ignore: !IS_LINUX,
  fn: async () => {
    await withTempDir(async (t) => {
      const { root } = await rootWithSnapshots(t);
      let prune: PhlbChild | undefined;
      const r = await verifyAll(root, (path) => {
        // The verify has begun the oldest snapshot: the prune removes it, and the next ones, under it.
        prune = new PhlbChild(["prune", "--root", root, "--keep-last", "1"]);
        blockUntilGone(path);
      });
      const p = await prune!.finish();
      assertEquals(p.code, 0, p.stderr);
      checkVerify(r);
    });
  },
});

Deno.test({
  name: "prune, then verify --all while it runs: what it removes meanwhile is not damage",
  ignore: !IS_LINUX,
  fn: async () => {
    await withTempDir(async (t) => {
      const { root, ids } = await rootWithSnapshots(t);
      const prune = new PhlbChild(["prune", "--root", root, "--keep-last", "1"]);
      assert(await prune.waitForOutput("Removing "), prune.stderr);
      // The prune is at work (oldest first); the verify lists what is still complete, and meets it going.
      const r = await verifyAll(root, (path) => blockUntilGone(path));
      const p = await prune.finish();
      assertEquals(p.code, 0, p.stderr);
      checkVerify(r);
      assertEquals(snapshots(root, "src"), [ids.at(-1)!]);
    });
  },
});
