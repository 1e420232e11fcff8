// openBackend: which backend a process gets, with and without --allow-ffi, and its log line.
import { assert, assertEquals, assertIncludes } from "../../../tests/assert.ts";
import { withTempDir } from "../../../tests/helpers.ts";
import { permissionFlags } from "../../../scripts/permissions.ts";
import { nativeUnavailableReason, openBackend, xattrDigest } from "./mod.ts";

const skip = nativeUnavailableReason();
if (skip !== undefined) console.warn(`native openBackend tests skipped: ${skip}`);
const MOD = new URL("./mod.ts", import.meta.url).href;

/** Runs `code` (a module that may import {openBackend} etc. from mod.ts) in a child with exactly `flags`. */
async function runChild(
  flags: string[],
  code: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let out = { code: -1, stdout: "", stderr: "" };
  await withTempDir(async (dir) => {
    const script = `${dir}/probe.ts`;
    Deno.writeTextFileSync(
      script,
      `import * as fs from "${MOD}";\nconst dir = ${JSON.stringify(dir)};\n${code}\n`,
    );
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--quiet", "--no-prompt", ...flags, script],
      env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    out = {
      code: r.code,
      stdout: new TextDecoder().decode(r.stdout).trim(),
      stderr: new TextDecoder().decode(r.stderr),
    };
  });
  return out;
}

/** The summary line of openBackend() in a child process with exactly `flags`. */
function childSummary(
  flags: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return runChild(flags, `const b = fs.openBackend();\nconsole.log(b.kind + "|" + b.summary);`, env);
}

Deno.test("openBackend: without --allow-ffi the Deno API is used, and the line says why", async () => {
  const r = await childSummary(["--allow-read", "--allow-write"]);
  assertEquals(r.code, 0, r.stderr);
  assertEquals(r.stdout.split("|")[0], "deno");
  // Windows has no native layer at all: that is the reason there, whatever the flags.
  const why = Deno.build.os === "windows" ? "no native layer on windows" : "no --allow-ffi";
  assertIncludes(r.stdout, `metadata: Deno file API (${why})`);
});

Deno.test({
  name:
    "openBackend: PHLB_NO_FFI=1 gives the Deno API where it may be read, and is ignored under phlb's list",
  ignore: skip !== undefined,
  fn: async () => {
    const env = { PHLB_NO_FFI: "1" };
    const readable = await childSummary(["--allow-read", "--allow-ffi", "--allow-env=PHLB_NO_FFI"], env);
    assertEquals(readable.code, 0, readable.stderr);
    assertEquals(readable.stdout.split("|")[0], "deno");
    assertIncludes(readable.stdout, "metadata: Deno file API (no --allow-ffi: PHLB_NO_FFI=1)");
    // phlb's own permission list does not let it read the variable: it cannot change a user's run.
    const shipped = await childSummary(permissionFlags(), env);
    assertEquals(shipped.code, 0, shipped.stderr);
    assertEquals(shipped.stdout.split("|")[0], "native");
  },
});

Deno.test({
  name: "openBackend: with --allow-ffi the native backend is used, and the line says so",
  ignore: skip !== undefined,
  fn: async () => {
    const r = await childSummary(["--allow-read", "--allow-write", "--allow-ffi"]);
    assertEquals(r.code, 0, r.stderr);
    assertEquals(r.stdout.split("|")[0], "native");
    assertIncludes(r.stdout, "metadata: native (");
    assertIncludes(r.stdout, "nanosecond times, xattrs, exact byte names");
  },
});

Deno.test({
  name: "native backend: works with phlb's own permission list plus --allow-ffi (not only with -A)",
  ignore: skip !== undefined,
  fn: async () => {
    // Every kind of call, on a name that is not valid UTF-8.
    const code = `
      const b = fs.openBackend({ prefer: "native" });
      const p = dir + "/a\\udcff";
      const f = b.createNew(p, { mode: 0o600 });
      f.writeSync(new TextEncoder().encode("hi"));
      f.setTimes({ atimeSec: 1, atimeNsec: 2, mtimeSec: 3, mtimeNsec: 4 });
      f.close();
      const r = b.openRead(p);
      const buf = new Uint8Array(8);
      const n = r.readSync(buf);
      const st = r.stat();
      r.close();
      b.link(p, dir + "/l\\udcfe");
      b.rename(dir + "/l\\udcfe", dir + "/m\\udcfd");
      b.mkdir(dir + "/d\\udcfc");
      b.symlink("a\\udcff", dir + "/s");
      b.setXattr(p, { name: "user.phlb", value: new Uint8Array([1]) });
      b.setTimes(p, { atimeSec: 1, atimeNsec: 2, mtimeSec: 5, mtimeNsec: 6 });
      console.log(JSON.stringify({
        n, mtime: [st.mtimeSec, st.mtimeNsec], names: b.readDir(dir).map((e) => e.name).sort(),
        target: b.readLink(dir + "/s"), xattrs: b.listXattrs(p), nlink: b.lstat(p).nlink,
      }));`;
    const r = await runChild([...permissionFlags(), "--allow-ffi"], code);
    assertEquals(r.code, 0, r.stderr);
    assertEquals(JSON.parse(r.stdout), {
      n: 2,
      mtime: [3, 4],
      names: ["a\udcff", "d\udcfc", "m\udcfd", "probe.ts", "s"],
      target: "a\udcff",
      xattrs: ["user.phlb"],
      nlink: 2,
    });
  },
});

Deno.test("openBackend: prefer deno always gives the Deno API", () => {
  const b = openBackend({ prefer: "deno" });
  assertEquals(b.kind, "deno");
  assertIncludes(b.summary, "(requested)");
});

Deno.test({
  name: "openBackend: auto picks native here, with full fidelity",
  ignore: skip !== undefined,
  fn: () => {
    const b = openBackend();
    try {
      assertEquals(b.kind, "native");
      assertEquals(b.fidelity, { nanosecondTimes: true, xattrs: true, rawNames: true, symlinkTimes: true });
    } finally {
      b.close();
    }
  },
});

Deno.test("xattrDigest: empty for none, order-free, and sensitive to names and values", () => {
  const a = { name: "user.a", value: new Uint8Array([1]) };
  const b = { name: "user.b", value: new Uint8Array([2, 3]) };
  assertEquals(xattrDigest([]), "");
  assertEquals(xattrDigest([a, b]), xattrDigest([b, a]));
  assertEquals(xattrDigest([a, b]).length, 64);
  assert(xattrDigest([a, b]) !== xattrDigest([a]));
  assert(xattrDigest([a]) !== xattrDigest([{ name: "user.a", value: new Uint8Array([2]) }]));
  // Name/value boundaries are length-prefixed: moving a byte between them changes the digest.
  assert(
    xattrDigest([{ name: "user.ab", value: new Uint8Array([]) }]) !==
      xattrDigest([{ name: "user.a", value: new TextEncoder().encode("b") }]),
  );
});
