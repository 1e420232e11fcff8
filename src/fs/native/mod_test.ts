// openBackend: which backend a process gets, with and without --allow-ffi, and its log line.
import { assert, assertEquals, assertIncludes } from "../../../tests/assert.ts";
import { withTempDir } from "../../../tests/helpers.ts";
import { nativeUnavailableReason, openBackend, xattrDigest } from "./mod.ts";

const skip = nativeUnavailableReason();
if (skip !== undefined) console.warn(`native openBackend tests skipped: ${skip}`);
const MOD = new URL("./mod.ts", import.meta.url).href;

/** The summary line of openBackend() in a child process with exactly `flags`. */
async function childSummary(flags: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let out = { code: -1, stdout: "", stderr: "" };
  await withTempDir(async (dir) => {
    const script = `${dir}/probe.ts`;
    Deno.writeTextFileSync(
      script,
      `import { openBackend } from "${MOD}";\nconst b = openBackend();\nconsole.log(b.kind + "|" + b.summary);\n`,
    );
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--quiet", "--no-prompt", ...flags, script],
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

Deno.test("openBackend: without --allow-ffi the Deno API is used, and the line says why", async () => {
  const r = await childSummary(["--allow-read", "--allow-write"]);
  assertEquals(r.code, 0, r.stderr);
  assertEquals(r.stdout.split("|")[0], "deno");
  assertIncludes(r.stdout, "metadata: Deno file API (no --allow-ffi)");
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
