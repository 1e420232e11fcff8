import { assertEquals } from "../../tests/assert.ts";
import { nativePath, withTempDir, writeTree } from "../../tests/helpers.ts";
import { commandConfig } from "./context.ts";

Deno.test("commandConfig: the root is the explicit one, else BACKUP_PATH; the format comes from the ini", async () => {
  await withTempDir((t) => {
    writeTree(t, { "w/PyHardLinkBackup.ini": "BACKUP_PATH = ../r\nSUB_DIR_FORMATTER = %Y%m%d-%H%M%S\n" });
    const where = { cwd: `${t}/w`, home: `${t}/home` };
    const fromIni = commandConfig(undefined, where);
    assertEquals(fromIni.root, nativePath(`${t}/r`));
    assertEquals(fromIni.config.values.SUB_DIR_FORMATTER, "%Y%m%d-%H%M%S");
    const explicit = commandConfig("other", where);
    assertEquals(explicit.root, nativePath(`${t}/w/other`));
    assertEquals(explicit.config.values.SUB_DIR_FORMATTER, "%Y%m%d-%H%M%S");
  });
});
