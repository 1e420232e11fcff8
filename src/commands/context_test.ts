import { resolve } from "node:path";
import { assertEquals, assertThrows } from "../../tests/assert.ts";
import { withTempDir, writeTree } from "../../tests/helpers.ts";
import { UsageError } from "../errors.ts";
import { commandConfig, ROOT_ENV } from "./context.ts";

Deno.test("commandConfig: the root is the explicit one, else BACKUP_PATH; the format comes from the ini", async () => {
  await withTempDir((t) => {
    writeTree(t, { "w/PyHardLinkBackup.ini": "BACKUP_PATH = ../r\nSUB_DIR_FORMATTER = %Y%m%d-%H%M%S\n" });
    const where = { cwd: `${t}/w`, home: `${t}/home`, env: {} };
    const fromIni = commandConfig({}, where);
    assertEquals(fromIni.root, resolve(`${t}/r`));
    assertEquals(fromIni.given, false);
    assertEquals(fromIni.config.values.SUB_DIR_FORMATTER, "%Y%m%d-%H%M%S");
    const explicit = commandConfig({ flag: "other" }, where);
    assertEquals(explicit.root, resolve(`${t}/w/other`));
    assertEquals(explicit.given, true);
    assertEquals(explicit.config.values.SUB_DIR_FORMATTER, "%Y%m%d-%H%M%S");
  });
});

Deno.test("commandConfig: one order: flag > positional > PHLB_ROOT > ini > default; two roots given disagree", async () => {
  await withTempDir((t) => {
    writeTree(t, { "w/PyHardLinkBackup.ini": "BACKUP_PATH = ../ini\n" });
    const ini = { cwd: `${t}/w`, home: `${t}/home` };
    const bare = { cwd: `${t}/bare`, home: `${t}/home` };
    Deno.mkdirSync(`${t}/bare`);
    const env = { [ROOT_ENV]: "../env" };
    const table: [
      string,
      Parameters<typeof commandConfig>[0],
      Parameters<typeof commandConfig>[1],
      string,
    ][] = [
      ["flag", { flag: "f", positional: "f" }, { ...ini, env }, resolve(`${t}/w/f`)],
      ["positional", { positional: "p" }, { ...ini, env }, resolve(`${t}/w/p`)],
      ["env over the ini", {}, { ...ini, env }, resolve(`${t}/env`)],
      ["an empty env is unset", {}, { ...ini, env: { [ROOT_ENV]: "" } }, resolve(`${t}/ini`)],
      ["ini", {}, { ...ini, env: {} }, resolve(`${t}/ini`)],
      ["default", {}, { ...bare, env: {} }, resolve(`${t}/home/PyHardLinkBackups`)],
    ];
    for (const [what, args, where, root] of table) assertEquals(commandConfig(args, where).root, root, what);
    const origin = commandConfig({}, { ...ini, env }).config.origins.BACKUP_PATH;
    assertEquals(origin, { kind: "env", name: ROOT_ENV });
    assertEquals(commandConfig({ flag: "x" }, { ...ini, env }).config.origins.BACKUP_PATH, {
      kind: "flag",
      flag: "--root",
    });
    assertThrows(
      () => commandConfig({ flag: "a", positional: "b", positionalName: "DEST" }, ini),
      UsageError,
    );
  });
});
