/**
 * Fault tests: hostile names and shapes in the source. Each is backed up faithfully or reported
 * as an item error naming it, and the run completes with exit code 0 or 3.
 * @module
 */
import { assert, assertEquals } from "./assert.ts";
import {
  assertOneErrorLine,
  checkRoot,
  IS_LINUX,
  type ListedEntry,
  listTree,
  PhlbChild,
  skipReason,
  withScratch,
} from "./fault_helpers.ts";
import { IS_WINDOWS, phlb, SETTLED_FLAGS, sh, symlinkSkipReason, symlinkSync, writeTree } from "./helpers.ts";

const NOT_LINUX = IS_LINUX ? undefined : "builds names and special files with Linux tools";

/** The listing without inode numbers and folder sizes: what "backed up faithfully" compares. */
function faithful(listing: Map<string, ListedEntry>): Map<string, Omit<ListedEntry, "ino">> {
  return new Map([...listing].map(([rel, { ino: _ino, ...rest }]) => [rel, rest]));
}

async function backupJson(args: string[], options: { noFfi?: boolean } = {}) {
  const r = await phlb([...args, "--json"], options);
  return { ...r, summary: r.stdout ? JSON.parse(r.stdout) : undefined };
}

Deno.test({
  name: "names with newline, backslash, quotes, leading dash, spaces, emoji, …: backed up faithfully",
  ignore: skipReason("hostile names", NOT_LINUX),
  fn: async () => {
    await withScratch(async (t) => {
      const src = `${t}/src`;
      const names = [
        "new\nline",
        "back\\slash",
        "\\leading backslash",
        "trailing backslash\\",
        "both\\n\nkinds",
        "quote's",
        'double"quote',
        "-leading dash",
        "--help",
        " leading and trailing space ",
        "tab\there",
        "carriage\rreturn",
        "trailing carriage return\r", // coreutils 9 escapes it; raw, sha256sum -c strips it
        "emoji 🎉🦀",
        "e\u0301 decomposed",
        "\u00e9 composed",
        "*glob?[x]",
        "$(echo no)",
        ".hidden",
        "...",
        "x".repeat(255),
        "ends.partial",
      ];
      for (const n of names) writeTree(src, { [`dir ${names.indexOf(n)}/${n}`]: `content of ${n}` });
      writeTree(src, { "new\nfolder/-x/file\\name": "deep" });
      Deno.symlinkSync("new\nline target", `${src}/link\nwith newline`);

      const r = await backupJson(["backup", src, `${t}/root`, ...SETTLED_FLAGS]);
      assertEquals(r.code, 0, r.stderr);
      assertEquals(r.summary.files, names.length + 1);
      assertEquals(faithful(listTree(r.summary.snapshotPath)), faithful(listTree(src)));
      await checkRoot(`${t}/root`, "src", new Map()); // includes sha256sum -c of the escaped manifest
      const again = await backupJson(["backup", src, `${t}/root`]);
      assertEquals(again.summary.unchangedLinked, names.length + 1);
    });
  },
});

Deno.test({
  name:
    "names that are not valid UTF-8, Deno-API fallback: an error naming the folder, exit 3, the rest backed up",
  ignore: skipReason("non-UTF-8 names", NOT_LINUX),
  fn: async () => {
    await withScratch(async (t) => {
      const src = `${t}/src`;
      writeTree(src, { "bad/good.txt": "fine", "top.txt": "top" });
      // Deno shows a bad byte as U+FFFD; here one bad name even looks like a real one (a\uFFFDb).
      const made = await sh(
        `cd '${src}' && printf x > "bad/$(printf 'a\\xffb')" && printf real > "bad/$(printf 'a\\xef\\xbf\\xbdb')" &&
         mkdir "$(printf 'folder\\xfe')" && printf inner > "$(printf 'folder\\xfe')/inner.txt" &&
         printf lone > "$(printf 'lone\\xc3')"`,
      );
      assertEquals(made.code, 0, made.stderr);
      // Without --allow-ffi: the fallback (with it, such names are backed up: tests/fidelity_test.ts).
      const r = await backupJson(["backup", src, `${t}/root`], { noFfi: true });
      assertEquals(r.code, 3, r.stderr);
      const lines = r.stderr.split("\n").filter((l) => l.startsWith("error:"));
      assertEquals(lines.length, 3, r.stderr);
      assert(
        lines.some((l) => l.startsWith('error: "bad": a name in this folder is not valid UTF-8')),
        r.stderr,
      );
      assertEquals(
        lines.filter((l) => l.startsWith('error: ".": a name in this folder is not valid UTF-8')).length,
        2,
      );
      const log = Deno.readTextFileSync(`${t}/root/src/${r.summary.snapshot}.log`);
      assert(log.includes('ERROR "bad": a name in this folder is not valid UTF-8'), log);
      assertEquals(r.summary.errors, 3);
      // Everything that can be named is there, the real "a\uFFFDb" with its own bytes.
      const stored = listTree(r.summary.snapshotPath);
      assertEquals([...stored.keys()].sort(), ["bad", "bad/a\uFFFDb", "bad/good.txt", "top.txt"]);
      assertEquals(Deno.readTextFileSync(`${r.summary.snapshotPath}/bad/a\uFFFDb`), "real");
      await checkRoot(`${t}/root`, "src", new Map());
    });
  },
});

Deno.test({
  name: "a path over 4,096 bytes: reported as an item error, the run completes with exit 3",
  ignore: skipReason("long path", NOT_LINUX),
  fn: async () => {
    await withScratch(async (t) => {
      const src = `${t}/src`;
      writeTree(src, { "top.txt": "top" });
      // 22 folders of 200 bytes: the source path passes 4,096 bytes (PATH_MAX) below the 20th.
      const made = await sh(
        `cd '${src}' && for i in $(seq 22); do d=$(printf "d%.0s" $(seq 200)); mkdir "$d" && cd "$d"; done && printf deep > deep.txt`,
      );
      assertEquals(made.code, 0, made.stderr);
      const r = await backupJson(["backup", src, `${t}/root`]);
      assertEquals(r.code, 3, r.stderr);
      const errors = r.stderr.split("\n").filter((l) => l.startsWith("error:"));
      assert(errors.length >= 1 && errors.every((l) => /File name too long/.test(l)), r.stderr);
      assert(errors[0].startsWith(`error: "${"d".repeat(200)}/`), errors[0]);
      assertEquals(Deno.readTextFileSync(`${r.summary.snapshotPath}/top.txt`), "top");
      assert(r.summary.directories >= 18, `only ${r.summary.directories} folders stored`);
      await checkRoot(`${t}/root`, "src", new Map());

      // A root deeper than the source: here the copy's path is the one too long.
      const deepRoot = `${t}/${"r".repeat(200)}/${"s".repeat(200)}/root`;
      const r2 = await backupJson(["backup", src, deepRoot]);
      assertEquals(r2.code, 3, r2.stderr);
      assert(/^error: "d{200}\/.*": cannot create folder: File name too long/m.test(r2.stderr), r2.stderr);
      assertEquals(Deno.readTextFileSync(`${r2.summary.snapshotPath}/top.txt`), "top");
      await checkRoot(deepRoot, "src", new Map());

      // A root too deep for SQLite (whose paths end at about 500 bytes) is refused, clearly.
      const tooDeep = `${t}/${"r".repeat(200)}/${"s".repeat(200)}/${"t".repeat(100)}`;
      const r3 = await phlb(["backup", src, tooDeep]);
      assertEquals(r3.code, 1, r3.stderr);
      assertOneErrorLine(r3.stderr, "The backup root's path is too long");
    });
  },
});

Deno.test({
  name: "symlink loops and a symlink to / are stored as links, never followed",
  ignore: skipReason("symlink loops", symlinkSkipReason()),
  fn: async () => {
    await withScratch(async (t) => {
      const src = `${t}/src`;
      writeTree(src, { "sub/file.txt": "f" });
      // Targets as the platform writes them; on Windows a link's kind (file or folder) is given.
      const links: Record<string, string> = {
        "loop-a": "loop-b",
        "loop-b": "loop-a",
        "self": "self",
        "sub/up": "..",
        "here": ".",
        "root": IS_WINDOWS ? "C:\\" : "/",
        "proc": IS_WINDOWS ? "C:\\Windows" : "/proc/self/root",
      };
      for (const [name, target] of Object.entries(links)) {
        symlinkSync(
          target,
          `${src}/${name}`,
          ["sub/up", "here", "root", "proc"].includes(name) ? "dir" : "file",
        );
      }
      const r = await backupJson(["backup", src, `${t}/root`, "--no-one-file-system"]);
      assertEquals(r.code, 0, r.stderr);
      assertEquals([r.summary.symlinks, r.summary.files, r.summary.directories], [7, 1, 1]);
      for (const [name, target] of Object.entries(links)) {
        assert(Deno.lstatSync(`${r.summary.snapshotPath}/${name}`).isSymlink, name);
        assertEquals(Deno.readLinkSync(`${r.summary.snapshotPath}/${name}`), target);
      }
      await checkRoot(`${t}/root`, "src", new Map());
    });
  },
});

Deno.test({
  name: "a FIFO, a socket and a device do not hang the run: skipped with a warning naming each, exit 0",
  ignore: skipReason("special files", NOT_LINUX),
  fn: async () => {
    await withScratch(async (t) => {
      const src = `${t}/src`;
      writeTree(src, { "a.txt": "a", "z.txt": "z" });
      // Making a device needs root; elsewhere the FIFO and the socket are tried.
      const asRoot = Deno.uid() === 0;
      assertEquals((await sh(`mkfifo '${src}/fifo'`)).code, 0);
      if (asRoot) assertEquals((await sh(`mknod '${src}/null-device' c 1 3`)).code, 0);
      const specials = [["fifo", "FIFO"], ["socket", "socket"]];
      if (asRoot) specials.push(["null-device", "character device"]);
      const socket = Deno.listen({ transport: "unix", path: `${src}/socket` });
      try {
        // Nobody writes to the FIFO: a run that opened it would block forever.
        const child = new PhlbChild(["backup", src, `${t}/root`]);
        const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
        const r = await child.finish();
        clearTimeout(timer);
        assertEquals(r.code, 0, `hung or failed: ${r.stderr}`);
        for (const [name, kind] of specials) {
          assert(r.stderr.includes(`warning: "${name}": skipped: a ${kind}`), r.stderr);
        }
        const snap = (await checkRoot(`${t}/root`, "src", new Map())).values().next().value!;
        assertEquals([...snap.keys()].filter((k) => !k.startsWith("..")).sort(), ["a.txt", "z.txt"]);
      } finally {
        socket.close();
      }
    });
  },
});
