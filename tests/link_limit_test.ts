/**
 * The hardlink limit at the command line: an injected limit (--max-links), and the destination
 * filesystem's own limit on a real NTFS volume (ntfs-3g on a loop image), where Linux would
 * otherwise let a file collect more links than Windows can handle.
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import {
  cannotMount,
  ino,
  mountImage,
  NO_FFI,
  phlb,
  setMtime,
  skipUnless,
  snapshots,
  withTempDir,
  writeTree,
} from "./helpers.ts";

/** Writes `count` files of identical content and mtime; returns their names. */
function identicalFiles(dir: string, count: number): string[] {
  const files: Record<string, string> = {};
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `f${String(i).padStart(5, "0")}`;
    files[name] = "identical";
    names.push(name);
  }
  writeTree(dir, files);
  for (const n of names) setMtime(`${dir}/${n}`, 1_600_000_000);
  return names;
}

/** Distinct inodes among the files, and the highest link count seen. */
function linkShape(dir: string, names: string[]): { inodes: number; maxNlink: number } {
  const inodes = new Set<number>();
  let maxNlink = 0;
  for (const n of names) {
    const p = `${dir}/${n}`;
    assertEquals(Deno.readTextFileSync(p), "identical", p);
    inodes.add(ino(p));
    maxNlink = Math.max(maxNlink, Deno.statSync(p).nlink ?? 0);
  }
  return { inodes: inodes.size, maxNlink };
}

Deno.test("MAX_LINKS = 5 in PyHardLinkBackup.ini: 20 identical files become 4 inodes, every file present", async () => {
  await withTempDir(async (t) => {
    const names = identicalFiles(`${t}/src`, 20);
    Deno.writeTextFileSync(`${t}/PyHardLinkBackup.ini`, "[common]\nMAX_LINKS = 5\n");
    const r = await phlb(["backup", `${t}/src`, `${t}/root`, "-v"], { cwd: t });
    assertEquals(r.code, 0, r.stderr);
    assertIncludes(r.stderr, "at most 5 links per stored file");
    const [snap] = snapshots(`${t}/root`, "src");
    assertEquals(linkShape(`${t}/root/src/${snap}`, names), { inodes: 4, maxNlink: 5 });
  });
});

Deno.test("MAX_LINKS = auto (the default) on this machine's disk: one inode for all 20 files", async () => {
  await withTempDir(async (t) => {
    const names = identicalFiles(`${t}/src`, 20);
    const r = await phlb(["backup", `${t}/src`, `${t}/root`, "-v"], { cwd: t });
    assertEquals(r.code, 0, r.stderr);
    const [snap] = snapshots(`${t}/root`, "src");
    const shape = linkShape(`${t}/root/src/${snap}`, names);
    if (Deno.build.os === "windows") {
      assertIncludes(r.stderr, "at most 1023 links per stored file");
    } else {
      assert(!r.stderr.includes("links per stored file"), r.stderr);
    }
    assertEquals(shape, { inodes: 1, maxNlink: 20 });
  });
});

const noNtfs = await cannotMount("ntfs");

Deno.test(skipUnless(
  noNtfs === undefined && !NO_FFI,
  NO_FFI
    ? "the log's ntfs-3g line comes from the mount table, read through the native layer only"
    : `needs an NTFS image mounted with ntfs-3g (.ci/run installs it): ${noNtfs}`,
  {
    name: "on an NTFS destination the limit is 1023 links: 1030 identical files become 2 inodes",
    fn: async () => {
      await withTempDir(async (t) => {
        const names = identicalFiles(`${t}/src`, 1030);
        const ntfs = await mountImage(t, "ntfs");
        assert(typeof ntfs !== "string", `cannot mount the NTFS image: ${ntfs}`);
        try {
          const mnt = ntfs.path;
          // Without a count, ntfs-3g lets one file collect more links than Windows allows.
          Deno.writeTextFileSync(`${mnt}/probe`, "p");
          for (let i = 0; i < 1030; i++) Deno.linkSync(`${mnt}/probe`, `${mnt}/probe-${i}`);
          assertEquals(Deno.statSync(`${mnt}/probe`).nlink, 1031);

          const r = await phlb(["backup", `${t}/src`, `${mnt}/root`, "-v"]);
          assertEquals(r.code, 0, r.stderr);
          // The log names the destination, then the limit that follows from it.
          assertIncludes(r.stderr, "destination: FUSE block device (ntfs-3g, exFAT) (fuseblk)");
          assertIncludes(r.stderr, "at most 1023 links per stored file; then a new copy is made");
          const [snap] = snapshots(`${mnt}/root`, "src");
          assertEquals(linkShape(`${mnt}/root/src/${snap}`, names), { inodes: 2, maxNlink: 1023 });
        } finally {
          await ntfs.unmount();
        }
      });
    },
  },
));
