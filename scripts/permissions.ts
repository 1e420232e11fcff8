/**
 * The permission flags phlb runs with, and its V8 flags, read from the `phlb` task in deno.json,
 * which is the one place they are written (with a comment justifying each). `deno compile`, the
 * end-to-end tests and the benchmarks use this list, so a binary, a test and `deno task phlb` run
 * with the same permissions and the same memory settings.
 * @module
 */

/** deno.json's text with // comments removed (Deno reads it as JSONC). */
export function readDenoJson(path = new URL("../deno.json", import.meta.url)): Record<string, unknown> {
  const text = Deno.readTextFileSync(path);
  const stripped = text.split("\n").filter((l) => !l.trimStart().startsWith("//")).join("\n");
  return JSON.parse(stripped);
}

/**
 * The permission flags of the `phlb` task: its `--allow-…` flags and `--no-prompt`.
 * Throws if the task grants everything (`-A`, `--allow-all`, a permission set) or uses short
 * flags such as `-R`, which this list would silently drop.
 */
export function permissionFlags(config = readDenoJson()): string[] {
  const task = (config.tasks as Record<string, string>).phlb;
  const words = task.split(/\s+/);
  const bad = words.filter((w) =>
    w === "--allow-all" || /^-[A-Za-z]/.test(w) || w.startsWith("--permission-set")
  );
  if (bad.length > 0) {
    throw new Error(`the phlb task must list explicit --allow-… flags, not ${bad.join(" ")}`);
  }
  return words.filter((w) => w.startsWith("--allow-") || w === "--no-prompt");
}

/** The `phlb` task's runtime flags: {@linkcode permissionFlags} and its `--v8-flags=…`. */
export function runtimeFlags(config = readDenoJson()): string[] {
  const task = (config.tasks as Record<string, string>).phlb;
  return [...permissionFlags(config), ...task.split(/\s+/).filter((w) => w.startsWith("--v8-flags="))];
}

if (import.meta.main) console.log(runtimeFlags().join(" "));
