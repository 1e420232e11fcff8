/**
 * Fault test: two backups at once on the same root. The second (or a prune) is refused at once
 * with a message naming the holder (it does not wait), and writes nothing; a dry run and a
 * listing are allowed alongside.
 * @module
 */
import { assert, assertEquals } from "./assert.ts";
import {
  assertOneErrorLine,
  checkRoot,
  IS_LINUX,
  PhlbChild,
  skipReason,
  withScratch,
} from "./fault_helpers.ts";
import { phlb, writeTree } from "./helpers.ts";

Deno.test({
  name: "two backups (or a backup and a prune) at once on one root: the second is refused, writes nothing",
  ignore: skipReason(
    "two backups at once",
    IS_LINUX
      ? undefined
      : "pauses the first backup with SIGSTOP (Linux; Windows has no way to pause a process from Deno)",
  ),
  fn: async () => {
    await withScratch(async (t) => {
      const root = `${t}/root`;
      const files: Record<string, string> = {};
      for (let i = 0; i < 15_000; i++) files[`d${i % 50}/f${i}.txt`] = `file ${i}\n`;
      writeTree(`${t}/src`, files);
      writeTree(`${t}/other`, { "x.txt": "another source" });

      const first = new PhlbChild(["backup", `${t}/src`, root]);
      assert(await first.waitForStderr("Backing up into"), first.stderr);
      // Stopped while it holds the lock, so it outlasts the five runs below however loaded the
      // machine is (a timing window alone failed under the parallel suite).
      first.kill("SIGSTOP");
      const namesBefore = [...Deno.readDirSync(`${root}/src`)].map((e) => e.name).sort();

      const writers = [
        ["backup", `${t}/src`, root],
        ["backup", `${t}/other`, root],
        ["prune", "--root", root, "--keep-last", "1"],
      ];
      for (const args of writers) {
        const second = await phlb(args);
        assertEquals(second.code, 1, second.stderr);
        const line = assertOneErrorLine(second.stderr, "Backup root is in use: phlb backup (pid ");
        assert(line.includes(`pid ${first.child.pid} `), `the holder is not named: ${line}`);
        assert(/^hint: wait for it to finish/m.test(second.stderr), second.stderr);
      }
      // Readers take no lock: they may look while a backup writes.
      for (const args of [["backup", `${t}/src`, root, "--dry-run"], ["list", "--root", root]]) {
        const reader = await phlb(args);
        assertEquals(reader.code, 0, `${args.join(" ")}: ${reader.stderr}`);
      }
      // list tells the backup's own partial from one a dead run of another name left meanwhile.
      Deno.mkdirSync(`${root}/dead/2020-01-01-000000.partial`, { recursive: true });
      const listed = await phlb(["list", "--root", root, "--json"]);
      const partials = JSON.parse(listed.stdout).names.flatMap((n: { snapshots: object[] }) => n.snapshots)
        .map((
          s: { name: string; status: string; interrupted: boolean },
        ) => [s.name, s.status, s.interrupted]);
      assertEquals(partials, [["dead", "partial", true], ["src", "partial", false]]);
      Deno.removeSync(`${root}/dead`, { recursive: true });

      let running = true;
      first.child.status.then(() => running = false);
      await new Promise((r) => setTimeout(r, 0));
      assert(running, "the first backup ended before the second was tried: make its source larger");
      assertEquals([...Deno.readDirSync(`${root}/src`)].map((e) => e.name).sort(), namesBefore);
      assert(!exists(`${root}/other`), "a refused run made its backup folder");

      first.kill("SIGCONT");
      const r = await first.finish();
      assertEquals(r.code, 0, r.stderr);
      await checkRoot(root, "src", new Map());
      // Once it is done, the next one runs.
      assertEquals((await phlb(["backup", `${t}/other`, root])).code, 0);
    });
  },
});

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
