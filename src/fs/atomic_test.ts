import { assert, assertEquals, assertThrows } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { renameRetrying, writeTextAtomic } from "./atomic.ts";

/** A rename that fails `times` times with `error`, then renames for real. */
function failing(times: number, error: () => Error) {
  const calls: string[] = [];
  return {
    calls,
    rename(from: string, to: string): void {
      calls.push(from);
      if (calls.length <= times) throw error();
      Deno.renameSync(from, to);
    },
  };
}

const accessDenied = () => new Deno.errors.PermissionDenied("Access is denied. (os error 5)");

Deno.test("renameRetrying: a rename refused while something holds the files is retried until it works", async () => {
  await withTempDir((t) => {
    Deno.mkdirSync(`${t}/snap.partial`);
    const r = failing(3, accessDenied);
    const retries: number[] = [];
    renameRetrying(`${t}/snap.partial`, `${t}/snap`, {
      retryForMs: 5_000,
      rename: r.rename,
      onRetry: (_, attempt) => retries.push(attempt),
    });
    assertEquals(r.calls.length, 4);
    assertEquals(retries, [1, 2, 3]);
    assert(Deno.statSync(`${t}/snap`).isDirectory);
    // A sharing violation, as Windows words it for a file, counts too.
    Deno.writeTextFileSync(`${t}/m.tmp`, "x");
    const shared = failing(1, () => new Error("The process cannot access the file (os error 32)"));
    renameRetrying(`${t}/m.tmp`, `${t}/m`, { retryForMs: 5_000, rename: shared.rename });
    assertEquals(Deno.readTextFileSync(`${t}/m`), "x");
  });
});

Deno.test("renameRetrying: other errors, no retry time (the default off Windows), and the deadline throw", async () => {
  await withTempDir((t) => {
    // Not there: thrown at once, whatever the retry time.
    const missing = failing(0, accessDenied);
    assertThrows(
      () => renameRetrying(`${t}/none`, `${t}/x`, { retryForMs: 5_000, rename: missing.rename }),
      Deno.errors.NotFound,
    );
    assertEquals(missing.calls.length, 1);
    Deno.mkdirSync(`${t}/a`);
    // No retry time: the first refusal is thrown.
    const once = failing(1, accessDenied);
    assertThrows(
      () => renameRetrying(`${t}/a`, `${t}/b`, { retryForMs: 0, rename: once.rename }),
      Deno.errors.PermissionDenied,
    );
    assertEquals(once.calls.length, 1);
    if (Deno.build.os !== "windows") {
      const byDefault = failing(1, accessDenied);
      assertThrows(() => renameRetrying(`${t}/a`, `${t}/b`, { rename: byDefault.rename }));
      assertEquals(byDefault.calls.length, 1);
    }
    // Refused for longer than the retry time: the last error is thrown, and the folder stays.
    const always = failing(1_000, accessDenied);
    const started = performance.now();
    assertThrows(() => renameRetrying(`${t}/a`, `${t}/b`, { retryForMs: 300, rename: always.rename }));
    const tookMs = performance.now() - started;
    assert(always.calls.length >= 3 && tookMs >= 300, `${always.calls.length} calls in ${tookMs} ms`);
    assert(Deno.statSync(`${t}/a`).isDirectory);
  });
});

Deno.test("writeTextAtomic replaces the whole file and leaves no temporary file", async () => {
  await withTempDir((t) => {
    writeTextAtomic(`${t}/s.json`, "old");
    writeTextAtomic(`${t}/s.json`, "new text");
    assertEquals(Deno.readTextFileSync(`${t}/s.json`), "new text");
    assertEquals([...Deno.readDirSync(t)].map((e) => e.name), ["s.json"]);
  });
});
