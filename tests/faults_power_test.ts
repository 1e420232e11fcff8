/**
 * Fault test: a power cut the moment `phlb backup` says it is done. The destination is a loop-mounted
 * ext4 image; a copy of the image file taken right after phlb exits holds exactly what had reached
 * the "disk" by then (the loop device writes through to its file, and nothing synced it since).
 * Mounting that copy is a reboot after the cut: ext4 replays its journal, as it would.
 * Skipped, with the reason printed, where loop mounts are refused.
 * @module
 */
import { assert, assertEquals } from "./assert.ts";
import { mountExt4, mountRefused, skipReason, snapshotFolders, unmount } from "./fault_helpers.ts";
import { NO_NATIVE_CHILDREN, phlb, sh, testSkippedIf, writeTree } from "./helpers.ts";

const MiB = 1 << 20;

function randomText(n: number): string {
  const bytes = new Uint8Array(n);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join("");
}

/** What a test does on the disk before the cut, and what it checks on the disk after it. */
interface PowerCutCase {
  /** Runs the command under test against `disk` (the mounted image); `dir` is scratch space. */
  run: (ctx: { dir: string; disk: string }) => Promise<void>;
  /** Checks `disk`: the image as it was at the cut, mounted again (its journal replayed). */
  check: (disk: string) => Promise<void> | void;
}

/**
 * Mounts an ext4 image, runs the case, then "cuts the power": copies the image file at once (the
 * loop device writes through to it; nothing synced it since) and mounts the copy for the check.
 */
async function withPowerCut(name: string, c: PowerCutCase): Promise<void> {
  if (skipReason(name, mountRefused())) return;
  const dir = await Deno.makeTempDir({ prefix: "phlb-power-" });
  const mnt = `${dir}/mnt`;
  const crashMnt = `${dir}/crash`;
  Deno.mkdirSync(mnt);
  Deno.mkdirSync(crashMnt);
  let crashMounted = false;
  try {
    mountExt4(`${dir}/disk.img`, mnt, { sizeBytes: 64 * MiB, inodes: 4096 });
    await c.run({ dir, disk: mnt });
    const cp = await sh(`cp --sparse=always '${dir}/disk.img' '${dir}/crash.img'`);
    assertEquals(cp.code, 0, cp.stderr);
    unmount(mnt);
    const m = await sh(`mount -o loop '${dir}/crash.img' '${crashMnt}'`);
    assertEquals(m.code, 0, m.stderr);
    crashMounted = true;
    await c.check(crashMnt);
  } finally {
    if (crashMounted) unmount(crashMnt);
    unmount(mnt);
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

function randomTree(files: number, shape: (i: number) => string): Record<string, string> {
  const tree: Record<string, string> = {};
  for (let i = 0; i < files; i++) tree[shape(i)] = randomText(10_000 + i * 997);
  return tree;
}

for (const noFfi of [false, true]) {
  const how = noFfi ? "without FFI (`sync -f`)" : "native (syncfs)";
  const powerTest = noFfi ? Deno.test : testSkippedIf(NO_NATIVE_CHILDREN);
  powerTest(
    `power cut right after a backup reports done, ${how}: the snapshot is on the disk, whole`,
    async () => {
      const tree = randomTree(40, (i) => `docs/d${i % 4}/f${i}.txt`);
      await withPowerCut("power cut after backup", {
        run: async ({ dir, disk }) => {
          writeTree(`${dir}/src`, tree);
          const r = await phlb(["backup", "-q", `${dir}/src`, `${disk}/root`], { noFfi });
          assertEquals(r.code, 0, r.stderr);
        },
        check: async (disk) => {
          const { complete, partial } = snapshotFolders(`${disk}/root`, "src");
          assertEquals(
            complete.length,
            1,
            `the snapshot phlb reported done is not complete on the disk after the cut (partial: ${partial})`,
          );
          const id = complete[0];
          const check = await sh(`cd '${disk}/root/src/${id}' && sha256sum --quiet -c '../${id}.sha256'`);
          assertEquals(check.code, 0, `after the cut, sha256sum -c fails:\n${check.stdout}${check.stderr}`);
          const lines = Deno.readTextFileSync(`${disk}/root/src/${id}.sha256`).trim().split("\n");
          assertEquals(lines.length, 40, "the manifest after the cut does not list every file");
          for (const [rel, text] of Object.entries(tree)) {
            assert(
              Deno.readTextFileSync(`${disk}/root/src/${id}/${rel}`) === text,
              `${rel} after the cut is not what was backed up`,
            );
          }
        },
      });
    },
  );
}

Deno.test("power cut right after `phlb restore --overwrite always` reports done: every restored file is whole", async () => {
  const tree = randomTree(20, (i) => `d${i % 3}/f${i}.txt`);
  await withPowerCut("power cut after restore", {
    run: async ({ dir, disk }) => {
      writeTree(`${dir}/src`, tree);
      const b = await phlb(["backup", "-q", "--json", `${dir}/src`, `${dir}/root`]);
      assertEquals(b.code, 0, b.stderr);
      const snapshot = JSON.parse(b.stdout).snapshotPath as string;
      // One file is replaced: the old one is on the disk before the restore starts.
      writeTree(`${disk}/target`, { "d0/f0.txt": "the old f0\n" });
      assertEquals((await sh(`sync -f '${disk}'`)).code, 0);
      const r = await phlb(["restore", "-q", "--overwrite", "always", snapshot, `${disk}/target`]);
      assertEquals(r.code, 0, r.stderr);
    },
    check: (disk) => {
      for (const [rel, text] of Object.entries(tree)) {
        let got: string | undefined;
        try {
          got = Deno.readTextFileSync(`${disk}/target/${rel}`);
        } catch { /* missing: reported below */ }
        assert(
          got === text,
          `${rel} after the cut: ${got === undefined ? "missing" : `${got.length} bytes, wrong`}`,
        );
      }
    },
  });
});
