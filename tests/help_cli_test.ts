import { assertEquals, assertIncludes } from "./assert.ts";
import { phlb } from "./helpers.ts";

Deno.test("cli: --help works without NO_COLOR (commander must not read env vars phlb may not read)", async () => {
  for (
    const args of [["--help"], ["backup", "--help"], ["config", "--help"], ["list", "--help"], [
      "prune",
      "--help",
    ], [
      "restore",
      "--help",
    ], ["diff", "--help"]]
  ) {
    const r = await phlb(args, { env: { NO_COLOR: "" } });
    assertEquals(r.code, 0, r.stderr);
    assertIncludes(r.stdout, "Exit codes:");
  }
});
