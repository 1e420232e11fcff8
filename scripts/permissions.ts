/**
 * The permission flags phlb runs with, read from the `phlb` task in deno.json, which is the one
 * place they are written (with a comment justifying each). `deno compile` and the end-to-end tests
 * use this list, so a binary, a test and `deno task phlb` run with the same permissions.
 * @module
 */

/** deno.json's text with // comments removed (Deno reads it as JSONC). */
export function readDenoJson(path = new URL("../deno.json", import.meta.url)): Record<string, unknown> {
  const text = Deno.readTextFileSync(path);
  const stripped = text.split("\n").filter((l) => !l.trimStart().startsWith("//")).join("\n");
  return JSON.parse(stripped);
}

/** The `--allow-…` flags of the `phlb` task. Throws if the task grants everything. */
export function permissionFlags(config = readDenoJson()): string[] {
  const task = (config.tasks as Record<string, string>).phlb;
  const words = task.split(/\s+/);
  if (words.includes("-A") || words.includes("--allow-all")) {
    throw new Error("the phlb task must list explicit permissions, not -A");
  }
  return words.filter((w) => w.startsWith("--allow-"));
}

if (import.meta.main) console.log(permissionFlags().join(" "));
