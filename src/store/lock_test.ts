import { assert, assertEquals } from "../../tests/assert.ts";
import { holdFileLock, withTempDir } from "../../tests/helpers.ts";
import { FatalError } from "../errors.ts";
import { acquireRootLock, probeRootLock } from "./lock.ts";

Deno.test("root lock: released, it can be taken again in the same process; a probe leaves it free", async () => {
  await withTempDir((t) => {
    for (let i = 0; i < 3; i++) {
      const lock = acquireRootLock(t, "test");
      assertEquals(probeRootLock(t).held, true);
      lock.release();
      // The owner file is gone with the lock, and a probe of a free lock leaves it free.
      assertEquals(probeRootLock(t), { held: false });
    }
    // A probe while lock.owner is there (left by a killed run) takes and leaves the lock cleanly.
    Deno.writeTextFileSync(`${t}/lock.owner`, JSON.stringify({ command: "prune", pid: 1, host: "h" }));
    assertEquals(probeRootLock(t).held, false);
    acquireRootLock(t, "test").release();
  });
});

Deno.test("root lock: held by another process, acquiring names it and probing says so", async () => {
  await withTempDir(async (t) => {
    Deno.writeTextFileSync(`${t}/lock.owner`, JSON.stringify({ command: "backup", pid: 42, host: "h" }));
    const holder = await holdFileLock(`${t}/lock`);
    try {
      let err: unknown;
      try {
        acquireRootLock(t, "test");
      } catch (e) {
        err = e;
      }
      assert(err instanceof FatalError, String(err));
      assert(err.message.startsWith("Backup root is in use: phlb backup (pid 42 on h"), err.message);
      assertEquals(probeRootLock(t).held, true);
    } finally {
      await holder.release();
    }
    acquireRootLock(t, "test").release();
  });
});
