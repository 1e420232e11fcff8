import { assertEquals, assertIncludes, assertRejects } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { FatalError, UsageError } from "../errors.ts";
import { resolveSnapshotRef } from "./ref.ts";
import { selectSnapshots } from "./select.ts";

function layout(root: string): void {
  Deno.mkdirSync(`${root}/.phlb`, { recursive: true });
  for (
    const id of ["2025-01-01-100000", "2025-01-02-100000", "2025-01-02-110000", "2025-01-03-100000.partial"]
  ) {
    Deno.mkdirSync(`${root}/docs/${id}/sub/deeper`, { recursive: true });
  }
}

Deno.test("snapshot refs: NAME@latest, exact ids, unique prefixes, sub-paths and paths", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    layout(root);
    const at = (ref: string) => resolveSnapshotRef(ref, { root: () => root });
    assertEquals([at("docs@latest").id, at("docs@latest").status], ["2025-01-02-110000", "complete"]);
    assertEquals(at("docs@2025-01-01").id, "2025-01-01-100000");
    assertEquals(at("docs@2025-01-03-100000").status, "partial");
    assertEquals(at("docs@2025-01-03-100000").manifestPath, `${root}/docs/2025-01-03-100000.partial.sha256`);
    assertEquals(at("docs@latest/sub//./deeper/").subpath, "sub/deeper");
    const byPath = at(`${root}/docs/2025-01-01-100000/sub/deeper`);
    assertEquals([byPath.name, byPath.id, byPath.subpath, byPath.root], [
      "docs",
      "2025-01-01-100000",
      "sub/deeper",
      root,
    ]);
    assertEquals(at(`${root}/docs/2025-01-03-100000.partial`).status, "partial");
    const ambiguous = await assertRejects(() => at("docs@2025-01-02"));
    assertEquals(ambiguous instanceof UsageError, true);
    assertIncludes((ambiguous as Error).message, "matches 2 snapshots");
    assertEquals((await assertRejects(() => at("docs@latest/../x"))) instanceof UsageError, true);
    assertEquals((await assertRejects(() => at("nope@latest"))) instanceof FatalError, true);
    // A folder that is not a snapshot (t holds the root): a mistake on the command line.
    assertEquals((await assertRejects(() => at(t))) instanceof UsageError, true);
  });
});

Deno.test("snapshot refs: a bare backup name is its newest complete snapshot; a root is no snapshot; a word that names nothing gets the names in its hint", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    layout(root);
    const at = (ref: string) => resolveSnapshotRef(ref, { root: () => root });
    assertEquals([at("docs").id, at("docs").subpath], ["2025-01-02-110000", ""]);
    assertEquals(at(`${root}/docs`).id, "2025-01-02-110000");
    const whole = await assertRejects(() => at(root));
    assertIncludes((whole as Error).message, "is a backup root, not a snapshot");
    const hintOf = async (ref: string) => {
      const err = await assertRejects(() => at(ref));
      assertEquals(err instanceof FatalError, true);
      return `${(err as FatalError).message} / ${(err as FatalError).hint ?? ""}`;
    };
    assertEquals(
      await hintOf("photos"),
      `No backup named "photos" under "${root}" / the backup names under ${root} are: docs ` +
        "(give NAME, NAME@latest or NAME@ID)",
    );
    assertIncludes(await hintOf(".phlb"), `".phlb" does not exist`);
  });
});

Deno.test("snapshot selection: one grammar for names, NAME@ID, snapshot folders, ROOT/NAME and roots; one root at a time", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    layout(root);
    Deno.mkdirSync(`${root}/mail/2025-02-01-100000`, { recursive: true });
    const ids = (args: string[], options: { all?: boolean; root?: string } = {}) => {
      const s = selectSnapshots(args, { ...options, defaultRoot: () => root });
      return [s.names?.join(",") ?? "*", s.snapshots.map((r) => `${r.name}@${r.id}`).join(" ")];
    };
    assertEquals(ids([]), ["*", "docs@2025-01-02-110000 mail@2025-02-01-100000"]);
    assertEquals(ids(["docs"]), ["docs", "docs@2025-01-02-110000"]);
    assertEquals(ids(["docs"], { all: true }), [
      "docs",
      "docs@2025-01-01-100000 docs@2025-01-02-100000 docs@2025-01-02-110000",
    ]);
    assertEquals(ids(["docs@2025-01-01", `${root}/mail`]), [
      "docs,mail",
      "docs@2025-01-01-100000 mail@2025-02-01-100000",
    ]);
    assertEquals(ids([`${root}/docs/2025-01-02-100000`, "docs@2025-01-02-100000"]), [
      "docs",
      "docs@2025-01-02-100000",
    ]);
    assertEquals(ids([root, "docs"]), ["*", "docs@2025-01-02-110000 mail@2025-02-01-100000"]);
    Deno.mkdirSync(`${t}/other/.phlb`, { recursive: true });
    Deno.mkdirSync(`${t}/other/docs/2025-03-01-100000`, { recursive: true });
    const twoRoots = await assertRejects(() => ids([`${t}/other/docs`, "docs"]));
    assertIncludes((twoRoots as Error).message, "one root at a time");
    const outside = await assertRejects(() => ids([`${t}/other/docs`], { root }));
    assertEquals(outside instanceof UsageError, true);
  });
});
