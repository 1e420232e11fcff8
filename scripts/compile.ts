/**
 * `deno task compile`: builds the phlb binaries with `deno compile`, one per target, with the
 * permission flags of the `phlb` task (scripts/permissions.ts), into `dist/`, and writes
 * `dist/SHA256SUMS` for what it built.
 *
 * `deno compile` downloads the Deno runtime for each target. Where that download cannot be
 * reached, this script says so in one line and exits 1; it never shows a stack trace. The release
 * workflow (.github/workflows/release.yml) builds and smoke-tests every target on its own runner.
 * @module
 */
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { hashFileSync } from "../src/fs/hash.ts";
import { runtimeFlags } from "./permissions.ts";

/** Every target a release ships, as `deno compile --target` names it. */
export const TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-pc-windows-msvc",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
] as const;

/** One of {@linkcode TARGETS}. */
export type Target = typeof TARGETS[number];

/**
 * Modules a binary loads that its import graph does not name: the entry modules of Workers
 * (`deno compile` only includes those given with --include). Paths from the repository's root.
 */
export const WORKER_MODULES = ["src/fs/content_worker.ts"] as const;

/** The `deno compile` arguments for one target, written to `output`. */
export function compileArgs(target: Target, output: string): string[] {
  return [
    "compile",
    "--quiet",
    "--config",
    CONFIG,
    "--frozen-lockfile",
    ...runtimeFlags(),
    ...WORKER_MODULES.flatMap((m) => ["--include", fileURLToPath(new URL(`../${m}`, import.meta.url))]),
    "--target",
    target,
    "--output",
    output,
    MAIN,
  ];
}

/** The file name of a target's binary: `phlb-TARGET`, plus `.exe` for Windows. */
export function binaryName(target: Target): string {
  return `phlb-${target}${target.includes("windows") ? ".exe" : ""}`;
}

/** What the command line asked for. */
export interface CompileRequest {
  /** Targets to build, in {@linkcode TARGETS} order, without duplicates. */
  targets: Target[];
  /** The output folder (as given; relative to the working directory). */
  outDir: string;
  /** A `deno compile` run taking longer than this is stopped (a stalled download). */
  timeoutSeconds: number;
  /** `--help` was given. */
  help: boolean;
}

/** A bad command line: exit code 2. */
export class CompileUsageError extends Error {}

/** Parses `--target T` (repeatable), `--out DIR`, `--timeout-seconds N`, `--help`. */
export function parseCompileArgs(args: string[]): CompileRequest {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        target: { type: "string", multiple: true },
        out: { type: "string" },
        "timeout-seconds": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new CompileUsageError((e as Error).message);
  }
  const v = parsed.values;
  const asked = v.target ?? [...TARGETS];
  for (const t of asked) {
    if (!(TARGETS as readonly string[]).includes(t)) {
      throw new CompileUsageError(`unknown target "${t}"; known: ${TARGETS.join(", ")}`);
    }
  }
  const timeoutSeconds = v["timeout-seconds"] === undefined ? 900 : Number(v["timeout-seconds"]);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new CompileUsageError(`--timeout-seconds needs a positive number, not "${v["timeout-seconds"]}"`);
  }
  return {
    targets: TARGETS.filter((t) => asked.includes(t)),
    outDir: v.out ?? "dist",
    timeoutSeconds,
    help: v.help ?? false,
  };
}

/**
 * True when `deno compile`'s error output says the runtime for the target could not be
 * downloaded (no network, DNS failure, refused or reset connection, HTTP error).
 */
export function isRuntimeDownloadFailure(stderr: string): boolean {
  const text = stripAnsi(stderr);
  const aboutRuntime = /denort|base binary|download/i.test(text);
  const network =
    /error sending request|dns error|failed to lookup|connect|timed out|tls|certificate|status code|could not be found|download failed/i
      .test(text);
  return aboutRuntime && network;
}

/** The lines of a SHA256SUMS file, in the format `sha256sum -c` reads. */
export function sha256SumsText(entries: readonly { name: string; hash: string }[]): string {
  return entries.map((e) => `${e.hash}  ${e.name}\n`).join("");
}

function stripAnsi(text: string): string {
  // deno colours its errors even into a pipe when asked; keep the message plain.
  // deno-lint-ignore no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}

/** The first `error:` line of deno's output, and its last "Caused by" entry, as one line. */
function oneLineError(stderr: string): string {
  const lines = stripAnsi(stderr).split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const first = lines.find((l) => l.startsWith("error:"))?.slice("error:".length).trim() ?? lines[0] ?? "";
  const causes = lines.filter((l) => /^\d+: /.test(l)).map((l) => l.replace(/^\d+: /, ""));
  const last = causes[causes.length - 1];
  return last && last !== first ? `${first}: ${last}` : first || "no error output";
}

const HELP = `Usage: deno task compile [--target TARGET]... [--out DIR] [--timeout-seconds N]

Builds phlb binaries with deno compile and the permission flags of the phlb task in deno.json,
and writes DIR/SHA256SUMS for the binaries built.

  --target TARGET      build only this target (repeatable); default: all of
                       ${TARGETS.join("\n                       ")}
  --out DIR            output folder (default: dist)
  --timeout-seconds N  stop a deno compile that takes longer (default: 900)

Exit codes: 0 built, 1 a build failed (one "error:" line says why), 2 usage error.
`;

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const CONFIG = fileURLToPath(new URL("../deno.json", import.meta.url));

function join(dir: string, name: string): string {
  return dir.endsWith("/") || dir.endsWith("\\") ? dir + name : `${dir}/${name}`;
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}

/** Builds one target. Returns undefined when built, or the one-line error. */
async function compileTarget(
  target: Target,
  output: string,
  timeoutSeconds: number,
): Promise<string | undefined> {
  const cmd = new Deno.Command(Deno.execPath(), {
    args: compileArgs(target, output),
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(timeoutSeconds * 1000),
  });
  let result: Deno.CommandOutput;
  try {
    result = await cmd.output();
  } catch (e) {
    return `could not run deno compile for ${target}: ${(e as Error).message}`;
  }
  if (result.success) return undefined;
  const stderr = new TextDecoder().decode(result.stderr);
  if (result.signal !== null) {
    return `deno compile for ${target} was stopped after ${timeoutSeconds} s ` +
      `(a stalled download of the Deno runtime?)`;
  }
  if (isRuntimeDownloadFailure(stderr)) {
    return `deno compile could not download the Deno runtime for ${target} (no network access?); ` +
      `the release workflow builds the binaries`;
  }
  return `deno compile failed for ${target}: ${oneLineError(stderr)}`;
}

/** Runs the script; returns the exit code. Prints progress to stdout and one error line to stderr. */
export async function compileMain(args: string[]): Promise<number> {
  let req: CompileRequest;
  try {
    req = parseCompileArgs(args);
  } catch (e) {
    if (!(e instanceof CompileUsageError)) throw e;
    console.error(`error: ${e.message}\n(run with --help for usage)`);
    return 2;
  }
  if (req.help) {
    console.log(HELP);
    return 0;
  }
  try {
    Deno.mkdirSync(req.outDir, { recursive: true });
    // A SHA256SUMS from an earlier build would describe other binaries.
    Deno.removeSync(join(req.outDir, "SHA256SUMS"));
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) {
      console.error(`error: cannot use output folder "${req.outDir}": ${(e as Error).message}`);
      return 1;
    }
  }
  const sums: { name: string; hash: string }[] = [];
  for (const target of req.targets) {
    const name = binaryName(target);
    const output = join(req.outDir, name);
    const problem = await compileTarget(target, output, req.timeoutSeconds);
    if (problem !== undefined) {
      console.error(`error: ${problem}`);
      return 1;
    }
    const { hash, sizeBytes } = hashFileSync(output);
    sums.push({ name, hash });
    console.log(`built ${output} (${formatMiB(sizeBytes)})`);
  }
  const sumsPath = join(req.outDir, "SHA256SUMS");
  Deno.writeTextFileSync(sumsPath, sha256SumsText(sums));
  console.log(`wrote ${sumsPath}`);
  return 0;
}

if (import.meta.main) {
  let code: number;
  try {
    code = await compileMain(Deno.args);
  } catch (e) {
    // Still one line: this is a tool for people, not a stack dump.
    console.error(`error: ${(e as Error)?.message ?? String(e)}`);
    code = 1;
  }
  Deno.exit(code);
}
