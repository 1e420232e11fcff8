/**
 * Issue 16: which targets a root restore refuses. Without the native layer (no --allow-ffi;
 * Windows) restore writes by path, so a target another user owns or can write to, a folder in it
 * that such a user can change, or a way to it through such a folder is refused unless
 * --unsafe-target. With the native layer only a symlink on the way that another user could have
 * put there is refused: below TARGET the folder handles make swaps harmless (restore_race_test.ts).
 */
import { lchownSync } from "node:fs";
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { phlb, skipUnless, withTempDir, writeTree } from "./helpers.ts";
import { runBackup } from "../src/backup/engine.ts";

const OTHER_UID = 4321;
/** The suite's pass without FFI: every phlb child runs without --allow-ffi (tests/helpers.ts). */
const NO_FFI = Deno.env.get("PHLB_NO_FFI") === "1";
const asRoot = Deno.build.os !== "windows" && Deno.uid() === 0;

/** A snapshot of a small tree; returns the root. */
async function snapshot(t: string): Promise<string> {
  writeTree(`${t}/src`, { "a.txt": "a", "d/b.txt": "b" });
  await runBackup({ source: `${t}/src`, root: `${t}/root`, name: "src" });
  return `${t}/root`;
}

function entries(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
}

Deno.test(skipUnless(asRoot, "needs root on Linux or macOS: only root restores are guarded", {
  name: "restore as root without the native layer refuses a target another user owns or can write to, " +
    "and says why; --unsafe-target restores into it",
  fn: async () => {
    await withTempDir(async (t) => {
      Deno.chmodSync(t, 0o755);
      const root = await snapshot(t);
      const owned = `${t}/owned`;
      Deno.mkdirSync(owned);
      Deno.chownSync(owned, OTHER_UID, OTHER_UID);
      const shared = `${t}/shared`;
      Deno.mkdirSync(shared);
      Deno.chmodSync(shared, 0o777);
      for (
        const [target, why] of [
          [owned, `it belongs to uid ${OTHER_UID}`],
          [shared, "every user can write to it"],
        ]
      ) {
        const r = await phlb(["restore", "src@latest", target, "--root", root], { noFfi: true });
        assertEquals(r.code, 1, r.stderr);
        assertIncludes(r.stderr, `Refusing to restore as root into "${target}": ${why}`);
        assertIncludes(r.stderr, "--unsafe-target");
        assertEquals(entries(target), [], "nothing was written");
        const unsafe = await phlb(["restore", "src@latest", target, "--root", root, "--unsafe-target"], {
          noFfi: true,
        });
        assertEquals(unsafe.code, 0, unsafe.stderr);
        assertEquals(Deno.readTextFileSync(`${target}/d/b.txt`), "b");
      }
    });
  },
}));

Deno.test(skipUnless(asRoot, "needs root on Linux or macOS: only root restores are guarded", {
  name: "restore as root without the native layer: a folder in TARGET that another user owns is not " +
    "restored into (exit 3); the rest is",
  fn: async () => {
    await withTempDir(async (t) => {
      Deno.chmodSync(t, 0o755);
      const root = await snapshot(t);
      const target = `${t}/target`;
      Deno.mkdirSync(`${target}/d`, { recursive: true });
      Deno.chownSync(`${target}/d`, OTHER_UID, OTHER_UID);
      const r = await phlb(["restore", "src@latest", target, "--root", root], { noFfi: true });
      assertEquals(r.code, 3, r.stderr);
      assertIncludes(r.stderr, `"d": not restored into: it belongs to uid ${OTHER_UID}`);
      assertEquals(Deno.readTextFileSync(`${target}/a.txt`), "a");
      assertEquals(entries(`${target}/d`), []);
    });
  },
}));

Deno.test(skipUnless(asRoot, "needs root on Linux or macOS: only root restores are guarded", {
  name: "restore as root: a way to TARGET through another user's folder is refused without the native " +
    "layer; a symlink there is refused with it too",
  fn: async () => {
    await withTempDir(async (t) => {
      Deno.chmodSync(t, 0o755);
      const root = await snapshot(t);
      const home = `${t}/home`;
      Deno.mkdirSync(`${home}/restore`, { recursive: true });
      Deno.mkdirSync(`${t}/etc`);
      Deno.symlinkSync(`${t}/etc`, `${home}/link`);
      Deno.chownSync(home, OTHER_UID, OTHER_UID);
      lchownSync(`${home}/link`, OTHER_UID, OTHER_UID);
      const viaFolder = await phlb(["restore", "src@latest", `${home}/restore`, "--root", root], {
        noFfi: true,
      });
      assertEquals(viaFolder.code, 1, viaFolder.stderr);
      assertIncludes(viaFolder.stderr, `"${home}" on the way to it can be changed by another user`);
      assertEquals(entries(`${home}/restore`), []);
      for (const noFfi of NO_FFI ? [true] : [true, false]) {
        const viaLink = await phlb(["restore", "src@latest", `${home}/link/x`, "--root", root], { noFfi });
        assertEquals(viaLink.code, 1, viaLink.stderr);
        // Without the native layer the folder holding the symlink is refused already.
        const refused = noFfi ? home : `${home}/link`;
        assertIncludes(viaLink.stderr, `"${refused}" on the way to it can be changed by another user`);
        assertEquals(entries(`${t}/etc`), [], "nothing made where the symlink points");
      }
      const unsafe = await phlb(
        ["restore", "src@latest", `${home}/link/x`, "--root", root, "--unsafe-target"],
        { noFfi: true },
      );
      assertEquals(unsafe.code, 0, unsafe.stderr);
      assertEquals(Deno.readTextFileSync(`${t}/etc/x/a.txt`), "a");
    });
  },
}));

Deno.test(skipUnless(asRoot && !NO_FFI, NO_FFI ? "this pass has no native layer" : "needs root", {
  name: "restore as root with the native layer restores into another user's folder (handles make it safe)",
  fn: async () => {
    await withTempDir(async (t) => {
      Deno.chmodSync(t, 0o755);
      const root = await snapshot(t);
      const home = `${t}/home`;
      Deno.mkdirSync(`${home}/restore`, { recursive: true });
      Deno.chownSync(home, OTHER_UID, OTHER_UID);
      Deno.chownSync(`${home}/restore`, OTHER_UID, OTHER_UID);
      const r = await phlb(["restore", "src@latest", `${home}/restore`, "--root", root]);
      assertEquals(r.code, 0, r.stderr);
      assertEquals(entries(`${home}/restore`), ["a.txt", "d"]);
      assert(Deno.lstatSync(`${home}/restore/d`).uid === 0);
    });
  },
}));
