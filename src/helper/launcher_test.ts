import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { assertEquals } from "../../tests/assert.ts";
import { helperTarget, sourceLauncher } from "./launcher.ts";

Deno.test("from source, the helper's target is this clone's launcher, with the running Deno's folder", () => {
  const clone = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
  const sep = Deno.build.os === "windows" ? "\\" : "/";
  assertEquals(sourceLauncher("posix"), `${clone}${sep}phlb`);
  assertEquals(sourceLauncher("windows"), `${clone}${sep}phlb.cmd`);
  const os = Deno.build.os === "windows" ? "windows" : "posix";
  assertEquals(helperTarget(os), {
    phlbPath: sourceLauncher(os),
    denoDir: dirname(Deno.execPath()),
  });
});
