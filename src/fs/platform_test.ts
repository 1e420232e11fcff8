import { assert, assertEquals } from "../../tests/assert.ts";
import { onlyOn, withTempDir } from "../../tests/helpers.ts";
import { nativeUnavailableReason } from "./native/mod.ts";
import {
  destinationFilesystem,
  destinationMaxLinks,
  linkLimitForFsType,
  mountTypeIn,
  NTFS_MAX_LINKS,
  UNLIMITED_LINKS,
} from "./platform.ts";

Deno.test("linkLimitForFsType: NTFS, FUSE (ntfs-3g) and SMB keep Windows' 1023; others report EMLINK", () => {
  for (const magic of [0x5346544e, 0x7366746e, 0x65735546, 0xff534d42, 0xfe534d42]) {
    assertEquals(linkLimitForFsType(magic).maxLinks, NTFS_MAX_LINKS, magic.toString(16));
  }
  assertEquals(linkLimitForFsType(0xef53), { maxLinks: UNLIMITED_LINKS, fsName: "ext2/3/4" });
  assertEquals(linkLimitForFsType(0x9123683e).maxLinks, UNLIMITED_LINKS);
  assertEquals(linkLimitForFsType(0x12345678), { maxLinks: UNLIMITED_LINKS });
});

Deno.test(onlyOn("linux", "the filesystem type comes from Linux's statfs", {
  name: "destinationMaxLinks reads this machine's filesystem type with the shipped permissions",
  fn: async () => {
    await withTempDir(async (t) => {
      const r = destinationMaxLinks(t);
      // The temp folder's filesystem is a known one here (ext4 or tmpfs), never an NTFS.
      assert(r.fsName !== undefined, JSON.stringify(r));
      assertEquals(r.maxLinks, UNLIMITED_LINKS);
      // Same answer in a child with exactly the phlb task's permissions (no prompt, no -A).
      const { permissionFlags } = await import("../../scripts/permissions.ts");
      const code = `import { destinationMaxLinks } from ${
        JSON.stringify(new URL("./platform.ts", import.meta.url).href)
      };
        console.log(JSON.stringify(destinationMaxLinks(${JSON.stringify(t)})));`;
      Deno.writeTextFileSync(`${t}/probe.ts`, code);
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--quiet", ...permissionFlags(), `${t}/probe.ts`],
        stdout: "piped",
        stderr: "piped",
      }).output();
      assertEquals(JSON.parse(new TextDecoder().decode(out.stdout)), r, new TextDecoder().decode(out.stderr));
    });
  },
}));

Deno.test("mountTypeIn: the type of the longest mount point holding a path, escapes read", () => {
  const mountinfo = [
    "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
    "40 22 0:35 / /mnt/nas rw,nosuid shared:20 - fuse.sshfs me@nas:/backups rw,user_id=0",
    "41 22 0:36 / /mnt/nas\\040share rw shared:21 - cifs //nas/share rw",
    "42 22 0:37 / /mnt/usb rw shared:22 - fuseblk /dev/sdb1 rw",
    "43 22 0:38 / /srv/nfs rw shared:23 - nfs4 nas:/export rw",
  ].join("\n");
  assertEquals(mountTypeIn(mountinfo, "/mnt/nas/backups/.phlb"), "fuse.sshfs");
  assertEquals(mountTypeIn(mountinfo, "/mnt/nas share/x"), "cifs");
  assertEquals(mountTypeIn(mountinfo, "/mnt/nasty"), "ext4");
  assertEquals(mountTypeIn(mountinfo, "/mnt/usb"), "fuseblk");
  assertEquals(mountTypeIn(mountinfo, "/srv/nfs/root"), "nfs4");
  assertEquals(mountTypeIn("", "/x"), undefined);
});

Deno.test(onlyOn("linux", "the filesystem type comes from Linux's statfs", {
  name: "destinationFilesystem: this machine's temp folder is a local disk, with its mount type named",
  fn: async () => {
    await withTempDir((t) => {
      const d = destinationFilesystem(t);
      assertEquals(d.network, false);
      assert(d.name !== undefined, JSON.stringify(d));
      // The mount table is read through the native layer only (mountTypeOf).
      assertEquals(d.mountType !== undefined, nativeUnavailableReason() === undefined, JSON.stringify(d));
    });
  },
}));
