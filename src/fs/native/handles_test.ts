// HandleCalls (backend.ts): the native backend's descriptors keep every call on the folder that was
// opened, whatever is renamed or symlinked meanwhile; the Deno-API emulation works by path.
import { assert, assertEquals } from "../../../tests/assert.ts";
import { openFdsUnder, sh, withTempDir } from "../../../tests/helpers.ts";
import { type FsBackend, type Handle, nativeUnavailableReason, openBackend } from "./mod.ts";

const skip = nativeUnavailableReason();
if (skip !== undefined) console.warn(`native handle tests skipped: ${skip}`);
const isRoot = Deno.build.os !== "windows" && Deno.uid() === 0;
const hasAttrTools = Deno.build.os === "linux" &&
  (await sh("command -v setfattr && command -v getfattr")).code === 0;

function withNative(fn: (b: FsBackend, dir: string) => Promise<void> | void): () => Promise<void> {
  return () =>
    withTempDir(async (dir) => {
      const b = openBackend({ prefer: "native" });
      try {
        await fn(b, dir);
      } finally {
        b.close();
      }
    });
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

/** `stat -c` of paths (never following the last symlink), one line each. */
async function statOf(format: string, ...paths: string[]): Promise<string[]> {
  const r = await sh(`TZ=UTC stat -c '${format}' ${paths.map((p) => `'${p}'`).join(" ")}`);
  assertEquals(r.code, 0, r.stderr);
  return r.stdout.trim().split("\n");
}

const TIMES = { atimeSec: 1_600_000_000, atimeNsec: 5, mtimeSec: 1_500_000_000, mtimeNsec: 123_456_789 };

Deno.test({
  name: "handles (native): a folder renamed away and replaced by a symlink keeps getting every call; " +
    "the symlink's target is never touched",
  ignore: skip !== undefined,
  fn: withNative(async (b, dir) => {
    const h = b.handles;
    assert(h.raceFree, "descriptors");
    Deno.mkdirSync(`${dir}/t/a`, { recursive: true });
    Deno.mkdirSync(`${dir}/outside`, { mode: 0o700 });
    Deno.writeTextFileSync(`${dir}/outside/f`, "outside");
    const before = await statOf("%a %u %g %y %z %n", `${dir}/outside`, `${dir}/outside/f`);
    const top = h.openFolder(`${dir}/t`);
    const a = h.openFolderAt({ dir: top, name: "a" });
    try {
      assertEquals(openFdsUnder(dir), [`${dir}/t`, `${dir}/t/a`]);
      // The attacker's move: the folder goes away, a symlink to outside/ takes its name.
      Deno.renameSync(`${dir}/t/a`, `${dir}/t/moved`);
      Deno.symlinkSync(`${dir}/outside`, `${dir}/t/a`);
      const { file, handle } = h.createAt({ dir: a, name: "f" }, 0o600);
      file.writeSync(new TextEncoder().encode("restored"));
      file.setTimes(TIMES);
      h.chmod(handle, 0o640);
      if (isRoot) h.chown(handle, { uid: 1234, gid: 5678 });
      file.close();
      h.mkdirAt({ dir: a, name: "sub" }, 0o700);
      h.symlinkAt("f", { dir: a, name: "l" });
      h.renameAt({ dir: a, name: "l" }, { dir: a, name: "l2" });
      h.chmod(a, 0o751);
      h.setTimes(a, TIMES);
      if (isRoot) h.chown(a, { uid: 1234, gid: 5678 });
      assertEquals(h.stat(a).ino, Deno.lstatSync(`${dir}/t/moved`).ino);
      // Through the handle of TARGET, the name "a" is the symlink: lstat sees it, open refuses it.
      assert(h.lstatAt({ dir: top, name: "a" }).isSymlink);
      const err = thrown(() => h.openFolderAt({ dir: top, name: "a" }));
      assert(
        err instanceof Deno.errors.FilesystemLoop || err instanceof Deno.errors.NotADirectory,
        String(err),
      );
      assert(String(err).includes(`${dir}/t/a`), String(err));
    } finally {
      h.close(a);
      h.close(top);
    }
    assertEquals(openFdsUnder(dir), []);
    assertEquals(await statOf("%a %u %g %y %z %n", `${dir}/outside`, `${dir}/outside/f`), before);
    assertEquals([...Deno.readDirSync(`${dir}/outside`)].map((e) => e.name), ["f"]);
    assertEquals(Deno.readTextFileSync(`${dir}/t/moved/f`), "restored");
    assertEquals(
      await statOf("%a %u:%g %y", `${dir}/t/moved/f`, `${dir}/t/moved`),
      [
        `640 ${isRoot ? "1234:5678" : `${Deno.uid()}:${Deno.gid()}`} 2017-07-14 02:40:00.123456789 +0000`,
        `751 ${isRoot ? "1234:5678" : `${Deno.uid()}:${Deno.gid()}`} 2017-07-14 02:40:00.123456789 +0000`,
      ],
    );
    assertEquals(Deno.readLinkSync(`${dir}/t/moved/l2`), "f");
    assert(Deno.lstatSync(`${dir}/t/moved/sub`).isDirectory);
  }),
});

Deno.test({
  name:
    "handles (native): createAt fails on any entry, a symlink or a dangling one too, and writes nothing " +
    "through it; removeAt and renameAt never follow",
  ignore: skip !== undefined,
  fn: withNative((b, dir) => {
    const h = b.handles;
    Deno.writeTextFileSync(`${dir}/victim`, "victim");
    Deno.mkdirSync(`${dir}/t`);
    Deno.symlinkSync(`${dir}/victim`, `${dir}/t/link`);
    Deno.symlinkSync(`${dir}/nothing-here`, `${dir}/t/dangling`);
    const t = h.openFolder(`${dir}/t`);
    try {
      for (const name of ["link", "dangling"]) {
        const err = thrown(() => h.createAt({ dir: t, name }, 0o600));
        assert(err instanceof Deno.errors.AlreadyExists, `${name}: ${err}`);
      }
      assert(
        thrown(() => Deno.lstatSync(`${dir}/nothing-here`)) instanceof Deno.errors.NotFound,
        "no file made through the dangling link",
      );
      // A folder name that holds a file is no folder to open.
      Deno.writeTextFileSync(`${dir}/t/file`, "");
      assert(thrown(() => h.openFolderAt({ dir: t, name: "file" })) instanceof Deno.errors.NotADirectory);
      // Renaming over a symlink replaces the symlink; removing one removes the symlink.
      const { file } = h.createAt({ dir: t, name: "new" }, 0o644);
      file.close();
      h.renameAt({ dir: t, name: "new" }, { dir: t, name: "link" });
      assert(Deno.lstatSync(`${dir}/t/link`).isFile);
      h.removeAt({ dir: t, name: "dangling" });
      h.mkdirAt({ dir: t, name: "d" }, 0o700);
      h.removeAt({ dir: t, name: "d" }, { folder: true });
      assertEquals([...Deno.readDirSync(`${dir}/t`)].map((e) => e.name).sort(), ["file", "link"]);
      assertEquals(Deno.readTextFileSync(`${dir}/victim`), "victim");
    } finally {
      h.close(t);
    }
  }),
});

Deno.test({
  name:
    "handles (native): openFolder refuses a path with a symlink in it; setSymlinkMeta sets a symlink's own " +
    "owner and ns times and refuses what is no symlink",
  ignore: skip !== undefined,
  fn: withNative(async (b, dir) => {
    const h = b.handles;
    Deno.mkdirSync(`${dir}/real/t`, { recursive: true });
    Deno.symlinkSync(`${dir}/real`, `${dir}/via`);
    const err = thrown(() => h.openFolder(`${dir}/via/t`));
    assert(err !== undefined, "a symlink on the way is not followed");
    let t: Handle | undefined;
    try {
      t = h.openFolder(`${dir}/real/t`);
      Deno.writeTextFileSync(`${dir}/target-file`, "x");
      const before = await statOf("%u %y %z", `${dir}/target-file`);
      h.symlinkAt(`${dir}/target-file`, { dir: t, name: "l" });
      h.setSymlinkMeta({ dir: t, name: "l" }, {
        owner: isRoot ? { uid: 4321, gid: 4321 } : undefined,
        times: TIMES,
      });
      assertEquals(
        await statOf("%u %y", `${dir}/real/t/l`),
        [`${isRoot ? 4321 : Deno.uid()} 2017-07-14 02:40:00.123456789 +0000`],
      );
      assertEquals(await statOf("%u %y %z", `${dir}/target-file`), before);
      Deno.writeTextFileSync(`${dir}/real/t/f`, "");
      const notLink = thrown(() => h.setSymlinkMeta({ dir: t!, name: "f" }, { times: TIMES }));
      assert(notLink instanceof Deno.errors.AlreadyExists, String(notLink));
      assert(Deno.lstatSync(`${dir}/real/t/f`).mtime!.getTime() !== 1_500_000_000_123);
    } finally {
      if (t) h.close(t);
    }
  }),
});

Deno.test({
  name: "handles (native): setXattr on a new file's handle (getfattr shows it)",
  ignore: skip !== undefined || !hasAttrTools,
  fn: withNative(async (b, dir) => {
    const h = b.handles;
    const t = h.openFolder(dir);
    try {
      const { file, handle } = h.createAt({ dir: t, name: "f" }, 0o600);
      try {
        h.setXattr(handle, { name: "user.phlb.test", value: new TextEncoder().encode("v1") });
      } finally {
        file.close();
      }
    } finally {
      h.close(t);
    }
    const r = await sh(`getfattr --only-values -n user.phlb.test '${dir}/f'`);
    if (r.stderr.includes("Operation not supported")) return; // tmpfs without user xattrs
    assertEquals(r.stdout, "v1");
  }),
});

Deno.test("handles (Deno API): the path emulation says it is not race-free, and does the same calls by path", async () => {
  await withTempDir((dir) => {
    const b = openBackend({ prefer: "deno" });
    try {
      const h = b.handles;
      assertEquals(h.raceFree, false);
      Deno.mkdirSync(`${dir}/t/a`, { recursive: true });
      if (Deno.build.os !== "windows") Deno.symlinkSync(`${dir}/t/a`, `${dir}/t/link`);
      const t = h.openFolder(`${dir}/t`);
      const a = h.openFolderAt({ dir: t, name: "a" });
      if (Deno.build.os !== "windows") {
        assert(thrown(() => h.openFolderAt({ dir: t, name: "link" })) instanceof Deno.errors.FilesystemLoop);
      }
      const { file } = h.createAt({ dir: a, name: "f" }, 0o600);
      file.writeSync(new TextEncoder().encode("x"));
      file.close();
      assert(thrown(() => h.createAt({ dir: a, name: "f" }, 0o600)) instanceof Deno.errors.AlreadyExists);
      h.renameAt({ dir: a, name: "f" }, { dir: a, name: "g" });
      assertEquals(h.lstatAt({ dir: a, name: "g" }).size, 1);
      h.removeAt({ dir: a, name: "g" });
      h.close(a);
      h.close(t);
      assertEquals([...Deno.readDirSync(`${dir}/t/a`)], []);
    } finally {
      b.close();
    }
  });
});
