import { assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { BackupIndex } from "./index.ts";
import { tuneForBackupRun } from "./tuning.ts";

Deno.test("a backup run's connection keeps temporary tables in memory and checkpoints less often", async () => {
  await withTempDir((t) => {
    const index = BackupIndex.open(t);
    try {
      const pragma = (name: string) => Object.values(index.statement(`PRAGMA ${name}`).get()!)[0];
      assertEquals([pragma("temp_store"), pragma("wal_autocheckpoint")], [0, 1000]);
      tuneForBackupRun(index);
      // 2 is MEMORY.
      assertEquals([pragma("temp_store"), pragma("wal_autocheckpoint")], [2, 10_000]);
      tuneForBackupRun(index, { walCheckpointPages: 5 });
      assertEquals(pragma("wal_autocheckpoint"), 1000);
    } finally {
      index.close();
    }
  });
});
