// The Deno-API fallback: the same interface with the precision Deno has. These tests pin the gaps
// the native backend closes (issue 9), so a Deno release that closes them shows up here.
import { assert, assertEquals, assertIncludes } from "../../../tests/assert.ts";
import { sh, withTempDir } from "../../../tests/helpers.ts";
import { DenoBackend } from "./backend_deno.ts";

Deno.test("deno backend: lstat has millisecond mtime and whole-second ctime", async () => {
  await withTempDir(async (dir) => {
    const r = await sh("touch -d '2021-03-04 05:06:07.123456789 UTC' f", { cwd: dir });
    assertEquals(r.code, 0, r.stderr);
    const s = new DenoBackend().lstat(`${dir}/f`);
    assertEquals([s.mtimeSec, s.mtimeNsec, s.mtimeMs], [1614834367, 123000000, 1614834367123]);
    assertEquals(s.ctimeNsec, 0);
    assert(s.isFile && !s.isDirectory && !s.isSymlink && s.type === "file");
  });
});

Deno.test("deno backend: setTimes keeps milliseconds only (stat -c %y)", async () => {
  await withTempDir(async (dir) => {
    Deno.writeTextFileSync(`${dir}/g`, "");
    Deno.mkdirSync(`${dir}/e`);
    const b = new DenoBackend();
    const times = { atimeSec: 1614834367, atimeNsec: 123456789, mtimeSec: 1614834367, mtimeNsec: 123456789 };
    b.setTimes(`${dir}/g`, times);
    b.setTimes(`${dir}/e`, times);
    const r = await sh("TZ=UTC stat -c %y g e", { cwd: dir });
    assertEquals(r.stdout.trim().split("\n"), [
      "2021-03-04 05:06:07.123000000 +0000",
      "2021-03-04 05:06:07.123000000 +0000",
    ]);
    Deno.symlinkSync("g", `${dir}/l`);
    let err: unknown;
    try {
      b.setTimes(`${dir}/l`, times, { noFollow: true });
    } catch (e) {
      err = e;
    }
    assertIncludes(String(err), "cannot set the times of symlink");
  });
});

Deno.test("deno backend: no xattrs are seen, and setting one says why", async () => {
  await withTempDir(async (dir) => {
    Deno.writeTextFileSync(`${dir}/f`, "");
    await sh("setfattr -n user.phlb -v 1 f", { cwd: dir });
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

Deno.test("deno backend: a name with byte 0xFF comes back with U+FFFD, flagged, and cannot be opened", async () => {
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
});

Deno.test("deno backend: its summary line names the fidelity and the reason", () => {
  const b = new DenoBackend({ reason: "no --allow-ffi" });
  assertEquals(b.kind, "deno");
  assertEquals(b.fidelity.nanosecondTimes || b.fidelity.xattrs || b.fidelity.rawNames, false);
  assertEquals(
    b.summary,
    "metadata: Deno file API (no --allow-ffi): millisecond mtimes, whole-second ctimes, no xattrs, " +
      "names must be valid UTF-8",
  );
});
