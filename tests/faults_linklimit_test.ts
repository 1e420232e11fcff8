/**
 * Fault test on a real mount: ext4's hardlink limit (65,000 links per inode), on a loop-mounted
 * image. Skipped, with the reason printed, where mounting is refused.
 * @module
 */
import { assert, assertEquals } from "./assert.ts";
import {
  checkRoot,
  listTree,
  mountExt4,
  mountRefused,
  skipReason,
  unmount,
  withScratch,
} from "./fault_helpers.ts";
import { phlb, setMtime } from "./helpers.ts";
import { sha256Hex } from "../src/fs/hash.ts";

const MiB = 1 << 20;
const EXT4_LINK_MAX = 65_000;

/** Asserts every file of a snapshot listing has `content`, and no inode is over the link limit. */
function assertAllPresentAndGrouped(snapshot: string, count: number, content: string): Set<number> {
  const listing = listTree(snapshot);
  const inodes = new Set<number>();
  let files = 0;
  for (const [rel, e] of listing) {
    if (e.kind !== "file") continue;
    files++;
    assertEquals(e.content, content, `"${rel}" has other bytes`);
    inodes.add(e.ino);
  }
  assertEquals(files, count, "files missing from the snapshot");
  for (const [rel, e] of listing) {
    if (e.kind === "file") assert(Deno.statSync(`${snapshot}/${rel}`).nlink! <= EXT4_LINK_MAX);
  }
  return inodes;
}

Deno.test({
  name: "ext4 hardlink limit: 66,000 identical files are all stored, in link groups below 65,000",
  ignore: skipReason("link limit", mountRefused()),
  fn: async () => {
    await withScratch(async (t) => {
      const root = `${t}/root`;
      Deno.mkdirSync(root);
      mountExt4(`${t}/ext4.img`, root, { sizeBytes: 512 * MiB, inodes: 200_000 });
      try {
        const src = `${t}/src`;
        const data = new TextEncoder().encode("the same small content\n");
        const hash = sha256Hex(data);
        for (let d = 0; d < 66; d++) {
          Deno.mkdirSync(`${src}/d${d}`, { recursive: true });
          for (let f = 0; f < 1000; f++) {
            const p = `${src}/d${d}/f${f}`;
            Deno.writeFileSync(p, data);
            setMtime(p, 1_700_000_000);
          }
        }
        const args = ["backup", src, root, "--json"];
        const first = await phlb(args);
        assertEquals(first.code, 0, first.stderr);
        const s1 = JSON.parse(first.stdout);
        assertEquals([s1.files, s1.errors], [66_000, 0]);
        const inodes1 = assertAllPresentAndGrouped(s1.snapshotPath, 66_000, hash);
        assertEquals(inodes1.size, 2);
        assertEquals([s1.copied, s1.dedupLinked], [2, 65_998]);

        // The same content again: unchanged files whose stored inode is full are linked to the
        // current link source, not each copied.
        const second = await phlb(args);
        assertEquals(second.code, 0, second.stderr);
        const s2 = JSON.parse(second.stdout);
        assertEquals([s2.files, s2.errors], [66_000, 0]);
        assertAllPresentAndGrouped(s2.snapshotPath, 66_000, hash);
        assert(s2.copied <= 2, `the second run made ${s2.copied} copies of one content`);
        // 132,000 files: the manifests are checked against the hashes in-process, not by sha256sum.
        await checkRoot(root, "src", new Map(), { sha256sum: false });
      } finally {
        unmount(root);
      }
    }, 2048 * MiB);
  },
});
