import { assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { BackupIndex } from "./index.ts";
import { tuneForBackupRun } from "./tuning.ts";

Deno.test("a backup run's connection keeps temporary tables in memory", async () => {
  await withTempDir((t) => {
    const index = BackupIndex.open(t);
    try {
      const tempStore = () => Object.values(index.statement("PRAGMA temp_store").get()!)[0];
      assertEquals(tempStore(), 0);
      tuneForBackupRun(index);
      assertEquals(tempStore(), 2, "2 is MEMORY");
    } finally {
      index.close();
    }
  });
});
