import { fileURLToPath } from "node:url";
import { assert, assertEquals } from "../tests/assert.ts";
import {
  binaryName,
  compileArgs,
  CompileUsageError,
  isRuntimeDownloadFailure,
  parseCompileArgs,
  sha256SumsText,
  TARGETS,
  WORKER_MODULES,
} from "./compile.ts";

// What deno compile 2.9.6 printed on this machine, where the runtime download is unreachable.
const DNS_FAILURE =
  `error: Writing deno compile executable to temporary file '/tmp/ct/phlb-x.tmp-853a1e55ee8c3660'

Caused by:
    0: Setting up base binary.
    1: error sending request for url (https://example.invalid/release/v2.9.6/denort-x86_64-unknown-linux-gnu.zip): client error (Connect): dns error: failed to lookup address information: Name or service not known
    2: client error (Connect)
    3: dns error
    4: failed to lookup address information: Name or service not known

Stack backtrace:
   0: <unknown>
`;

Deno.test("binary names: phlb-TARGET, .exe only for Windows", () => {
  assertEquals(TARGETS.map(binaryName), [
    "phlb-x86_64-unknown-linux-gnu",
    "phlb-aarch64-unknown-linux-gnu",
    "phlb-x86_64-pc-windows-msvc.exe",
    "phlb-x86_64-apple-darwin",
    "phlb-aarch64-apple-darwin",
  ]);
});

Deno.test("compile arguments: all targets by default, a repeatable --target subset, --out", () => {
  const all = parseCompileArgs([]);
  assertEquals(all.targets, [...TARGETS]);
  assertEquals(all.outDir, "dist");
  const some = parseCompileArgs([
    "--target",
    "aarch64-apple-darwin",
    "--target",
    "x86_64-unknown-linux-gnu",
    "--target",
    "aarch64-apple-darwin",
    "--out",
    "/tmp/x",
  ]);
  assertEquals(some.targets, ["x86_64-unknown-linux-gnu", "aarch64-apple-darwin"]);
  assertEquals(some.outDir, "/tmp/x");
  for (
    const bad of [["--target", "riscv64-unknown-linux-gnu"], ["--bogus"], ["--timeout-seconds", "0"], ["x"]]
  ) {
    let error: unknown;
    try {
      parseCompileArgs(bad);
    } catch (e) {
      error = e;
    }
    assert(error instanceof CompileUsageError, `expected a usage error for ${bad.join(" ")}`);
  }
});

Deno.test("a runtime download failure is recognised; other compile errors are not", () => {
  assert(isRuntimeDownloadFailure(DNS_FAILURE));
  assert(isRuntimeDownloadFailure("\x1b[31merror\x1b[0m: Download could not be found, aborting"));
  assert(
    !isRuntimeDownloadFailure("error: TS2304 [ERROR]: Cannot find name 'x'.\n    at file:///main.ts:1:1"),
  );
  assert(!isRuntimeDownloadFailure("error: The lockfile is out of date. Run `deno install --frozen=false`"));
});

Deno.test("SHA256SUMS lines are in sha256sum's format", () => {
  const h = "a".repeat(64);
  assertEquals(
    sha256SumsText([{ name: "phlb-x86_64-apple-darwin", hash: h }]),
    `${h}  phlb-x86_64-apple-darwin\n`,
  );
});

Deno.test("every Worker module under src/ is passed to deno compile with --include, and exists", () => {
  const root = new URL("../", import.meta.url);
  const started = new Set<string>();
  const visit = (dir: URL, rel: string) => {
    for (const e of Deno.readDirSync(dir)) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory) visit(new URL(`${e.name}/`, dir), r);
      else if (e.name.endsWith(".ts") && !e.name.endsWith("_test.ts")) {
        const text = Deno.readTextFileSync(new URL(e.name, dir));
        for (const m of text.matchAll(/new Worker\(\s*new URL\(\s*"([^"]+)",\s*import\.meta\.url/g)) {
          started.add(new URL(m[1], new URL(r, root)).pathname.slice(root.pathname.length));
        }
      }
    }
  };
  visit(new URL("src/", root), "src");
  assert(started.size > 0, "no Worker found under src/: the scan is broken");
  assertEquals([...started].sort(), [...WORKER_MODULES].sort());
  const args = compileArgs("x86_64-unknown-linux-gnu", "/tmp/out");
  for (const m of WORKER_MODULES) {
    assert(Deno.statSync(new URL(m, root)).isFile, m);
    const at = args.indexOf(fileURLToPath(new URL(m, root)));
    assert(at > 0 && args[at - 1] === "--include", `${m} is not --include'd: ${args.join(" ")}`);
  }
  // The entry comes last, after every flag.
  assertEquals(args.at(-1), fileURLToPath(new URL("main.ts", root)));
});
