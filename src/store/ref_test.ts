import { assertEquals, assertIncludes, assertRejects } from "../../tests/assert.ts";
import { nativePath, withTempDir } from "../../tests/helpers.ts";
import { FatalError, UsageError } from "../errors.ts";
import { resolveSnapshotRef } from "./ref.ts";

/**
 * ROOT/mail/… (a backup name that is no folder of the repository, where the test runs: a bare
 * "docs" would be taken as the path ./docs).
 */
function layout(root: string): void {
  Deno.mkdirSync(`${root}/.phlb`, { recursive: true });
  for (
    const id of ["2025-01-01-100000", "2025-01-02-100000", "2025-01-02-110000", "2025-01-03-100000.partial"]
  ) {
    Deno.mkdirSync(`${root}/mail/${id}/sub/deeper`, { recursive: true });
  }
}

Deno.test("snapshot refs: NAME@latest, exact ids, unique prefixes, sub-paths and paths", async () => {
  await withTempDir(async (t) => {
    const root = nativePath(`${t}/root`);
    layout(root);
    const at = (ref: string) => resolveSnapshotRef(ref, { root: () => root });
    assertEquals([at("mail@latest").id, at("mail@latest").status], ["2025-01-02-110000", "complete"]);
    assertEquals(at("mail@2025-01-01").id, "2025-01-01-100000");
    assertEquals(at("mail@2025-01-03-100000").status, "partial");
    assertEquals(
      at("mail@2025-01-03-100000").manifestPath,
      nativePath(`${root}/mail/2025-01-03-100000.partial.sha256`),
    );
    assertEquals(at("mail@latest/sub//./deeper/").subpath, "sub/deeper");
    const byPath = at(`${root}/mail/2025-01-01-100000/sub/deeper`);
    assertEquals([byPath.name, byPath.id, byPath.subpath, byPath.root], [
      "mail",
      "2025-01-01-100000",
      "sub/deeper",
      root,
    ]);
    assertEquals(at(`${root}/mail/2025-01-03-100000.partial`).status, "partial");
    const ambiguous = await assertRejects(() => at("mail@2025-01-02"));
    assertEquals(ambiguous instanceof UsageError, true);
    assertIncludes((ambiguous as Error).message, "matches 2 snapshots");
    assertEquals((await assertRejects(() => at("mail@latest/../x"))) instanceof UsageError, true);
    assertEquals((await assertRejects(() => at("nope@latest"))) instanceof FatalError, true);
    assertEquals((await assertRejects(() => at(t))) instanceof FatalError, true);
  });
});

Deno.test("snapshot refs: a bare backup name that is no path is named in the hint as NAME@latest", async () => {
  await withTempDir(async (t) => {
    const root = nativePath(`${t}/root`);
    layout(root);
    const hintOf = async (ref: string) => {
      const err = await assertRejects(() => resolveSnapshotRef(ref, { root: () => root }));
      assertEquals(err instanceof FatalError, true);
      return (err as FatalError).hint ?? "";
    };
    assertEquals(await hintOf("mail"), `"mail" is a backup name under ${root}: did you mean mail@latest?`);
    assertEquals(await hintOf("photos"), "give a snapshot folder, or NAME@latest / NAME@ID with --root");
    assertEquals(await hintOf(".phlb"), "give a snapshot folder, or NAME@latest / NAME@ID with --root");
  });
});
