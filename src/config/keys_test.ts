import { assertEquals, assertThrows } from "../../tests/assert.ts";
import { CONFIG_KEYS, folderModeValue } from "./keys.ts";

const ctx = { baseDir: "/" };

Deno.test("DEFAULT_NEW_PATH_MODE: octal as PyHardLinkBackup wrote it (0o700) or as chmod takes it; default 0o700", () => {
  for (
    const [raw, mode] of [["0o700", 0o700], ["0O750", 0o750], ["0755", 0o755], ["700", 0o700], [
      "0o1777",
      0o1777,
    ]] as const
  ) {
    assertEquals(folderModeValue.parse(raw, ctx), mode, raw);
  }
  assertEquals(folderModeValue.show(0o750), "0o750");
  assertEquals(
    CONFIG_KEYS.DEFAULT_NEW_PATH_MODE.type.parse(CONFIG_KEYS.DEFAULT_NEW_PATH_MODE.defaultText, ctx),
    0o700,
  );
});

Deno.test("DEFAULT_NEW_PATH_MODE: not octal, or the owner without rwx, is an error that says why", () => {
  for (
    const [raw, says] of [
      ["0o800", "not an octal mode"],
      ["rwx", "not an octal mode"],
      ["0o77777", "not an octal mode"],
      ["0o600", "owner without rwx"],
      ["0o500", "owner without rwx"],
    ]
  ) {
    const err = assertThrows(() => folderModeValue.parse(raw, ctx)) as Error;
    assertEquals(err.message.includes(says), true, `${raw}: ${err.message}`);
  }
});
