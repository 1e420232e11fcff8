import { assert, assertEquals } from "./assert.ts";
import { phlb } from "./helpers.ts";
import { readDenoJson } from "../scripts/permissions.ts";
import { VERSION } from "../src/version.ts";

Deno.test("phlb version: the version, the Deno version and target, and that it runs from source", async () => {
  const r = await phlb(["version"]);
  assertEquals(r.code, 0, r.stderr);
  assertEquals(
    r.stdout,
    `phlb ${VERSION}\ndeno ${Deno.version.deno} (${Deno.build.target})\nrunning from source (deno run)\n`,
  );
  assertEquals(r.stderr, "");
});

Deno.test("phlb version --json: machine-readable, compiled is false under deno run", async () => {
  const r = await phlb(["version", "--json"]);
  assertEquals(r.code, 0, r.stderr);
  const info = JSON.parse(r.stdout);
  assertEquals(info.phlb, VERSION);
  assertEquals(info.deno, Deno.version.deno);
  assertEquals(info.target, Deno.build.target);
  assertEquals(info.compiled, false);
});

Deno.test("the program's VERSION is deno.json's version, and a semver", () => {
  assertEquals(VERSION, readDenoJson().version);
  assert(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(VERSION), VERSION);
});
