// The Deno-API fallback: the same interface with the precision Deno has. These tests pin the gaps
// the native backend closes (issue 9), so a Deno release that closes them shows up here. Windows
// always uses this backend, so they run there too.
import { assert, assertEquals, assertIncludes } from "../../../tests/assert.ts";
import {
  IS_WINDOWS,
  sh,
  skipUnless,
  symlinkSkipReason,
  symlinkSync,
  testSkippedOn,
  withTempDir,
} from "../../../tests/helpers.ts";
import { DenoBackend } from "./backend_deno.ts";

const IS_LINUX = Deno.build.os === "linux";

Deno.test("deno backend: lstat has millisecond mtime, and a ctime in whole seconds (milliseconds on Windows)", async () => {
  await withTempDir(async (dir) => {
    if (IS_LINUX) {
      // Nanoseconds on the disk, which the Deno API cannot set (its utime keeps milliseconds).
      const r = await sh("touch -d '2021-03-04 05:06:07.123456789 UTC' f", { cwd: dir });
      assertEquals(r.code, 0, r.stderr);
    } else {
      Deno.writeTextFileSync(`${dir}/f`, "");
      Deno.utimeSync(`${dir}/f`, new Date(1614834367123), new Date(1614834367123));
    }
    const s = new DenoBackend().lstat(`${dir}/f`);
    assertEquals([s.mtimeSec, s.mtimeNsec, s.mtimeMs], [1614834367, 123000000, 1614834367123]);
    // Deno's ctime: whole seconds on Linux and macOS, milliseconds on Windows (its change time).
    if (IS_WINDOWS) assertEquals(s.ctimeNsec % 1_000_000, 0);
    else assertEquals(s.ctimeNsec, 0);
    assert(s.isFile && !s.isDirectory && !s.isSymlink && s.type === "file");
  });
});

Deno.test("deno backend: setTimes keeps milliseconds only", async () => {
  await withTempDir(async (dir) => {
    Deno.writeTextFileSync(`${dir}/g`, "");
    Deno.mkdirSync(`${dir}/e`);
    const b = new DenoBackend();
    const times = { atimeSec: 1614834367, atimeNsec: 123456789, mtimeSec: 1614834367, mtimeNsec: 123456789 };
    b.setTimes(`${dir}/g`, times);
    b.setTimes(`${dir}/e`, times);
    for (const name of ["g", "e"]) {
      assertEquals(Deno.lstatSync(`${dir}/${name}`).mtime?.getTime(), 1614834367123);
    }
    if (IS_LINUX) {
      // What the filesystem holds, beyond what Deno's stat shows: no digit past the millisecond.
      const r = await sh("stat -c %y g e", { cwd: dir, env: { TZ: "UTC" } });
      assertEquals(r.stdout.trim().split("\n"), [
        "2021-03-04 05:06:07.123000000 +0000",
        "2021-03-04 05:06:07.123000000 +0000",
      ]);
    }
  });
});

const noSymlinks = symlinkSkipReason();

Deno.test(skipUnless(!noSymlinks, `${noSymlinks}`, {
  name: "deno backend: the times of a symlink itself cannot be set, and the error says so",
  fn: async () => {
    await withTempDir((dir) => {
      Deno.writeTextFileSync(`${dir}/g`, "");
      symlinkSync("g", `${dir}/l`);
      const times = { atimeSec: 1614834367, atimeNsec: 0, mtimeSec: 1614834367, mtimeNsec: 0 };
      let err: unknown;
      try {
        new DenoBackend().setTimes(`${dir}/l`, times, { noFollow: true });
      } catch (e) {
        err = e;
      }
      assertIncludes(String(err), "cannot set the times of symlink");
    });
  },
}));

Deno.test("deno backend: no xattrs are seen, and setting one says why", async () => {
  await withTempDir(async (dir) => {
    Deno.writeTextFileSync(`${dir}/f`, "");
    // Linux: an xattr the Deno API cannot see. (Windows has none of that kind.)
    if (IS_LINUX) await sh("setfattr -n user.phlb -v 1 f", { cwd: dir });
    const b = new DenoBackend();
    assertEquals(b.listXattrs(`${dir}/f`), []);
    assertEquals(b.readXattrs(`${dir}/f`), []);
    assertEquals(b.getXattr(`${dir}/f`, "user.phlb"), undefined);
    let err: unknown;
    try {
      b.setXattr(`${dir}/f`, { name: "user.x", value: new Uint8Array([1]) });
    } catch (e) {
      err = e;
    }
    assertIncludes(String(err), "no xattrs");
  });
});

testSkippedOn("windows", "Windows names are UTF-16: no file there has a name that is not valid UTF-8")(
  "deno backend: a name with byte 0xFF comes back with U+FFFD, flagged, and cannot be opened",
  async () => {
    await withTempDir(async (dir) => {
      const r = await sh("printf hello > $'a\\xffb'", { cwd: dir });
      assertEquals(r.code, 0, r.stderr);
      const b = new DenoBackend();
      const entries = b.readDir(dir);
      assertEquals(entries.map((e) => [e.name, e.rawBytes]), [["a\uFFFDb", true]]);
      let err: unknown;
      try {
        b.lstat(`${dir}/${entries[0].name}`);
      } catch (e) {
        err = e;
      }
      assert(err instanceof Deno.errors.NotFound, String(err));
    });
  },
);

Deno.test("deno backend: its summary line names the fidelity and the reason", () => {
  const b = new DenoBackend({ reason: "no --allow-ffi" });
  assertEquals(b.kind, "deno");
  assertEquals(b.fidelity.nanosecondTimes || b.fidelity.xattrs || b.fidelity.rawNames, false);
  assertEquals(
    b.summary,
    "metadata: Deno file API (no --allow-ffi): millisecond mtimes, " +
      (IS_WINDOWS ? "millisecond ctimes" : "whole-second ctimes") + ", no xattrs, names must be valid UTF-8",
  );
});
