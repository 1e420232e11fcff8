/**
 * The source roots the copy suites copy from (tests/copy_test.ts, tests/copy_cli_test.ts).
 * @module
 */
import { assertEquals } from "./assert.ts";
import { phlb, snapshots, writeTree } from "./helpers.ts";

/** A source tree with `n` files, some of them the same content under two names. */
export function tree(n: number, tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    out[`d${i % 9}/f${i}.txt`] = `file ${i % Math.floor(n * 0.9)} ${tag}\n`.repeat(1 + (i % 4));
  }
  return out;
}

/**
 * A source root with `count` snapshots of name `name`: the first of `n` files, each next one with
 * a few files changed and one added. Returns the snapshot ids, oldest first.
 */
export async function sourceRoot(
  dir: string,
  options: { name: string; n: number; count: number },
): Promise<string[]> {
  const src = `${dir}/${options.name}`;
  writeTree(src, tree(options.n, "v1"));
  for (let k = 0; k < options.count; k++) {
    if (k > 0) writeTree(src, { [`d1/f1.txt`]: `changed ${k}\n`, [`new/n${k}.txt`]: `added ${k}\n` });
    const r = await phlb(["backup", src, `${dir}/src-root`, "-q"]);
    assertEquals(r.code, 0, r.stderr);
  }
  return snapshots(`${dir}/src-root`, options.name);
}
