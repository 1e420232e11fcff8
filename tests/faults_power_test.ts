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
import { phlb, sh, writeTree } from "./helpers.ts";

const MiB = 1 << 20;

function randomText(n: number): string {
  const bytes = new Uint8Array(n);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join("");
}

for (const noFfi of [false, true]) {
  const how = noFfi ? "without FFI (`sync -f`)" : "native (syncfs)";
  Deno.test(`power cut right after a backup reports done, ${how}: the snapshot is on the disk, whole`, async () => {
    await powerCutAfterBackup(noFfi);
  });
}

async function powerCutAfterBackup(noFfi: boolean): Promise<void> {
  if (skipReason("power cut", mountRefused())) return;
  const dir = await Deno.makeTempDir({ prefix: "phlb-power-" });
  const mnt = `${dir}/mnt`;
  const crashMnt = `${dir}/crash`;
  Deno.mkdirSync(mnt);
  Deno.mkdirSync(crashMnt);
  let crashMounted = false;
  try {
    mountExt4(`${dir}/disk.img`, mnt, { sizeBytes: 64 * MiB, inodes: 4096 });
    const tree: Record<string, string> = {};
    for (let i = 0; i < 40; i++) tree[`docs/d${i % 4}/f${i}.txt`] = randomText(20_000 + i * 997);
    writeTree(`${dir}/src`, tree);

    const r = await phlb(["backup", "-q", `${dir}/src`, `${mnt}/root`], { noFfi });
    assertEquals(r.code, 0, r.stderr);
    // The cut: whatever the image file holds now is what a reboot finds.
    const cp = await sh(`cp --sparse=always '${dir}/disk.img' '${dir}/crash.img'`);
    assertEquals(cp.code, 0, cp.stderr);
    unmount(mnt);

    const m = await sh(`mount -o loop '${dir}/crash.img' '${crashMnt}'`);
    assertEquals(m.code, 0, m.stderr);
    crashMounted = true;
    const { complete, partial } = snapshotFolders(`${crashMnt}/root`, "src");
    assertEquals(
      complete.length,
      1,
      `the snapshot phlb reported done is not complete on the disk after the cut (partial: ${partial})`,
    );
    const id = complete[0];
    const check = await sh(`cd '${crashMnt}/root/src/${id}' && sha256sum --quiet -c '../${id}.sha256'`);
    assertEquals(check.code, 0, `after the cut, sha256sum -c fails:\n${check.stdout}${check.stderr}`);
    const lines = Deno.readTextFileSync(`${crashMnt}/root/src/${id}.sha256`).trim().split("\n");
    assertEquals(lines.length, 40, "the manifest after the cut does not list every file");
    for (const [rel, text] of Object.entries(tree)) {
      assert(
        Deno.readTextFileSync(`${crashMnt}/root/src/${id}/${rel}`) === text,
        `${rel} after the cut is not what was backed up`,
      );
    }
  } finally {
    if (crashMounted) unmount(crashMnt);
    unmount(mnt);
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

Deno.test("power cut right after `phlb restore --overwrite always` reports done: every restored file is whole", async () => {
  if (skipReason("power cut after restore", mountRefused())) return;
  const dir = await Deno.makeTempDir({ prefix: "phlb-power-" });
  const mnt = `${dir}/mnt`;
  const crashMnt = `${dir}/crash`;
  Deno.mkdirSync(mnt);
  Deno.mkdirSync(crashMnt);
  let crashMounted = false;
  try {
    const tree: Record<string, string> = {};
    for (let i = 0; i < 20; i++) tree[`d${i % 3}/f${i}.txt`] = randomText(10_000 + i * 1013);
    writeTree(`${dir}/src`, tree);
    const b = await phlb(["backup", "-q", "--json", `${dir}/src`, `${dir}/root`]);
    assertEquals(b.code, 0, b.stderr);
    const snapshot = JSON.parse(b.stdout).snapshotPath as string;

    mountExt4(`${dir}/disk.img`, mnt, { sizeBytes: 64 * MiB, inodes: 4096 });
    // One file is replaced: the old one is on the disk before the restore starts.
    writeTree(`${mnt}/target`, { "d0/f0.txt": "the old f0\n" });
    assertEquals((await sh(`sync -f '${mnt}'`)).code, 0);

    const r = await phlb(["restore", "-q", "--overwrite", "always", snapshot, `${mnt}/target`]);
    assertEquals(r.code, 0, r.stderr);
    const cp = await sh(`cp --sparse=always '${dir}/disk.img' '${dir}/crash.img'`);
    assertEquals(cp.code, 0, cp.stderr);
    unmount(mnt);

    const m = await sh(`mount -o loop '${dir}/crash.img' '${crashMnt}'`);
    assertEquals(m.code, 0, m.stderr);
    crashMounted = true;
    for (const [rel, text] of Object.entries(tree)) {
      let got: string | undefined;
      try {
        got = Deno.readTextFileSync(`${crashMnt}/target/${rel}`);
      } catch { /* missing: reported below */ }
      assert(
        got === text,
        `${rel} after the cut: ${got === undefined ? "missing" : `${got.length} bytes, wrong`}`,
      );
    }
  } finally {
    if (crashMounted) unmount(crashMnt);
    unmount(mnt);
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
