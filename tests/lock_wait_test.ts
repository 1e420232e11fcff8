/**
 * `--lock-wait` in the one grammar: every command that takes the root's lock for its run (backup,
 * prune, copy, add, verify --repair, a scrub) waits with it for a root another process holds, and is
 * refused at once without it; the wait is said in words; where it cannot apply it is a usage error.
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { PhlbChild } from "./fault_helpers.ts";
import { holdRootLock, phlb, withTempDir, writeTree } from "./helpers.ts";

Deno.test("--lock-wait: backup, prune, copy, add, verify --repair and a scrub wait for a held root; without it they are refused", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, { "a.txt": "a", "d/b.txt": "b" });
    const r = `${t}/root`;
    assertEquals((await phlb(["backup", `${t}/src`, r, "-q"])).code, 0);
    assertEquals((await phlb(["backup", `${t}/src`, `${t}/other-root`, "--name", "other", "-q"])).code, 0);
    const commands: string[][] = [
      ["backup", `${t}/src`, "-r", r],
      ["prune", r, "--keep-last", "5"],
      ["copy", `${t}/other-root`, r],
      ["add", r],
      ["verify", "-r", r, "--repair"],
      ["verify", "-r", r, "--max-duration", "1m"],
    ];
    for (const args of commands) {
      const holder = await holdRootLock(`${r}/.phlb`);
      try {
        const refused = await phlb([...args, "-q"]);
        assertEquals(refused.code, 1, `${args.join(" ")}: ${refused.stderr}`);
        assertIncludes(refused.stderr, "phlb backup (pid ");
        // Released once the waiting run says it waits: it then goes on, under the lock.
        const waiting = new PhlbChild([...args, "--lock-wait", "30s"]);
        const said = await waiting.waitForStderr("waiting for the backup root: ");
        assertEquals(await holder.release(), 0);
        const waited = await waiting.finish();
        assert(said, `${args.join(" ")} --lock-wait 30s did not say it waits: ${waited.stderr}`);
        assertEquals(waited.code, 0, `${args.join(" ")} --lock-wait 30s: ${waited.stderr}`);
        assertIncludes(waited.stderr, "(waiting up to 30 seconds)");
      } finally {
        assertEquals(await holder.release(), 0);
      }
    }
  });
});

Deno.test("--lock-wait: a bad duration is exit 2 on every command that takes it; a plain verify takes no lock, so it is exit 2 there", async () => {
  await withTempDir(async (t) => {
    writeTree(`${t}/src`, { "a.txt": "a" });
    const r = `${t}/root`;
    assertEquals((await phlb(["backup", `${t}/src`, r, "-q"])).code, 0);
    for (
      const args of [
        ["backup", `${t}/src`, "-r", r],
        ["prune", r, "--keep-last", "5"],
        ["copy", r, `${t}/dest`],
        ["add", r],
        ["verify", "-r", r, "--repair"],
      ]
    ) {
      const bad = await phlb([...args, "--lock-wait", "later"]);
      assertEquals(bad.code, 2, `${args.join(" ")}: ${bad.stderr}`);
      assertIncludes(bad.stderr, 'bad --lock-wait "later"');
    }
    for (const args of [["verify", "-r", r], ["verify", "-r", r, "--repair", "-n"]]) {
      const plain = await phlb([...args, "--lock-wait", "1m"]);
      assertEquals(plain.code, 2, `${args.join(" ")}: ${plain.stderr}`);
      assertIncludes(plain.stderr, "--lock-wait goes with --repair or a scrub");
    }
    const help = (await phlb(["verify", "--help"])).stdout.replace(/\s+/g, " ");
    assertIncludes(help, "10m = 10 minutes");
  });
});
