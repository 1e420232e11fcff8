// errno -> Deno-shaped errors: pure mapping, then real failures from the native backend (ENOENT
// anywhere; EMLINK on a loop-mounted ext4 image and ENOSPC on a tiny tmpfs, which need root).
import { assert, assertEquals, assertIncludes } from "../../../tests/assert.ts";
import { sh, withTempDir } from "../../../tests/helpers.ts";
import { isNoSpace, isNotFound } from "../classify.ts";
import { isLinkLimitError } from "../link.ts";
import { DARWIN_ERRNO, errnoError, LINUX_ERRNO } from "./errno.ts";
import { nativeUnavailableReason, openBackend } from "./mod.ts";

const skip = nativeUnavailableReason();
if (skip !== undefined) console.warn(`native errno tests skipped: ${skip}`);

/** Why mounting a scratch filesystem is impossible here, or undefined when it works. */
async function mountUnavailable(): Promise<string | undefined> {
  if (Deno.build.os !== "linux") return "not Linux";
  if (Deno.uid() !== 0) return "mounting needs root";
  const dir = await Deno.makeTempDir({ prefix: "phlb-mnt-probe-" });
  try {
    const r = await sh(`mount -t tmpfs -o size=64k tmpfs '${dir}' && umount '${dir}'`);
    return r.code === 0 ? undefined : `cannot mount: ${r.stderr.trim()}`;
  } finally {
    await Deno.remove(dir);
  }
}
const noMount = await mountUnavailable();
if (noMount !== undefined) console.warn(`errno tests on scratch filesystems skipped: ${noMount}`);

/** Mounts `spec` (a `mount` argument list) on a temp folder for `fn`, then unmounts it. */
async function withMount(spec: string, fn: (mnt: string) => Promise<void> | void): Promise<void> {
  await withTempDir(async (dir) => {
    const mnt = `${dir}/mnt`;
    Deno.mkdirSync(mnt);
    const r = await sh(`${spec} '${mnt}'`, { cwd: dir });
    assertEquals(r.code, 0, r.stderr);
    try {
      await fn(mnt);
    } finally {
      await sh(`umount '${mnt}'`);
    }
  });
}

Deno.test("errnoError: class, code and message as Deno's own errors, so classify/link keep working", () => {
  const mlink = errnoError(31, { text: "Too many links", context: "link '/a' -> '/b'", table: LINUX_ERRNO });
  assertEquals(mlink.message, "Too many links (os error 31): link '/a' -> '/b'");
  assertEquals((mlink as { code?: string }).code, "EMLINK");
  assert(isLinkLimitError(mlink));
  assert(!isNoSpace(mlink));

  const nospc = errnoError(28, {
    text: "No space left on device",
    context: "mkdir '/x'",
    table: LINUX_ERRNO,
  });
  assertEquals(nospc.message, "No space left on device (os error 28): mkdir '/x'");
  assert(isNoSpace(nospc));
  assert(!isLinkLimitError(nospc));

  const quota = errnoError(122, { text: "Disk quota exceeded", context: "open '/x'", table: LINUX_ERRNO });
  assert(isNoSpace(quota));
  const macQuota = errnoError(69, { text: "Disc quota exceeded", context: "open '/x'", table: DARWIN_ERRNO });
  assert(isNoSpace(macQuota));

  const noent = errnoError(2, {
    text: "No such file or directory",
    context: "lstat '/n'",
    table: LINUX_ERRNO,
  });
  assert(noent instanceof Deno.errors.NotFound);
  assert(isNotFound(noent));
  assertEquals(noent.name, "NotFound");

  assert(
    errnoError(13, { text: "", context: "", table: LINUX_ERRNO }) instanceof Deno.errors.PermissionDenied,
  );
  assert(errnoError(17, { text: "", context: "", table: LINUX_ERRNO }) instanceof Deno.errors.AlreadyExists);
  assert(
    errnoError(62, { text: "", context: "", table: DARWIN_ERRNO }) instanceof Deno.errors.FilesystemLoop,
  );
  assert(errnoError(40, { text: "", context: "", table: LINUX_ERRNO }) instanceof Deno.errors.FilesystemLoop);
  // Unknown numbers still carry "(os error N)".
  assertIncludes(
    errnoError(9999, { text: "Unknown", context: "x", table: LINUX_ERRNO }).message,
    "(os error 9999)",
  );
});

Deno.test({
  name: "native errors: ENOENT reads exactly like Deno's, for one and for two paths",
  ignore: skip !== undefined,
  fn: () =>
    withTempDir((dir) => {
      const b = openBackend({ prefer: "native" });
      try {
        const missing = `${dir}/missing`;
        const caught = (fn: () => unknown) => {
          try {
            fn();
          } catch (e) {
            return e as Error;
          }
          throw new Error("expected an error");
        };
        const n = caught(() => b.lstat(missing));
        const d = caught(() => Deno.lstatSync(missing));
        assertEquals([n.constructor, n.message, (n as { code?: string }).code], [
          d.constructor,
          d.message,
          (d as { code?: string }).code,
        ]);
        const nl = caught(() => b.link(missing, `${dir}/new`));
        const dl = caught(() => Deno.linkSync(missing, `${dir}/new`));
        assertEquals(nl.message, dl.message);
        assert(isNotFound(nl));
        // A raw byte in a path is shown as \xHH in the message.
        assertIncludes(caught(() => b.lstat(`${dir}/a\udcffb`)).message, `lstat '${dir}/a\\xFFb'`);
      } finally {
        b.close();
      }
    }),
});

Deno.test({
  name: "native errors: EMLINK at ext4's link limit is a link-limit error, like Deno.linkSync's",
  ignore: skip !== undefined || noMount !== undefined,
  fn: () =>
    withTempDir(async (dir) => {
      const img = `${dir}/ext4.img`;
      const made = await sh(`truncate -s 24M '${img}' && mkfs.ext4 -q -F '${img}'`);
      assertEquals(made.code, 0, made.stderr);
      await withMount(`mount -o loop '${img}'`, (mnt) => {
        const b = openBackend({ prefer: "native" });
        try {
          Deno.writeTextFileSync(`${mnt}/f`, "x");
          let err: unknown;
          let links = 1;
          for (; links < 70_000; links++) {
            try {
              b.link(`${mnt}/f`, `${mnt}/l${links}`);
            } catch (e) {
              err = e;
              break;
            }
          }
          assertEquals(links, 65_000, "ext4 allows 65000 links");
          assert(isLinkLimitError(err), String(err));
          assertEquals((err as { code?: string }).code, "EMLINK");
          assertEquals(
            (err as Error).message,
            `Too many links (os error 31): link '${mnt}/f' -> '${mnt}/l65000'`,
          );
          let denoErr: unknown;
          try {
            Deno.linkSync(`${mnt}/f`, `${mnt}/l65000`);
          } catch (e) {
            denoErr = e;
          }
          assertEquals((denoErr as Error).message, (err as Error).message);
        } finally {
          b.close();
        }
      });
    }),
});

Deno.test({
  name: "native errors: ENOSPC on a full tmpfs is a no-space error",
  ignore: skip !== undefined || noMount !== undefined,
  fn: () =>
    withMount("mount -t tmpfs -o size=64k,nr_inodes=8 tmpfs", (mnt) => {
      const b = openBackend({ prefer: "native" });
      try {
        let err: unknown;
        for (let i = 0; i < 100 && err === undefined; i++) {
          try {
            b.mkdir(`${mnt}/d${i}`);
          } catch (e) {
            err = e;
          }
        }
        assert(isNoSpace(err), String(err));
        assertIncludes((err as Error).message, "No space left on device (os error 28): mkdir '");
      } finally {
        b.close();
      }
    }),
});
