/**
 * The check commands speak German with `--lang de`, as a user meets them: verify (clean, then after
 * one stored byte is damaged), list, `list -q`, `prune --dry-run`, diff, restore and copy, on a root
 * with two snapshots of a small tree. German labels, verdicts and hints, German number and size
 * formats (`1.010 B`, `2,9 KiB`), quoted command lines kept as they are; the English default output
 * stays as it was, and `--json` stays English.
 * @module
 */
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { EN, type Entry, type MessageKey } from "../src/i18n/en.ts";
import { DE } from "../src/i18n/de.ts";
import { PLACEHOLDER } from "../src/i18n/messages.ts";
import { quoteArg } from "../src/report/shell_quote.ts";
import { nativePath, phlb, rotByte, SETTLED_FLAGS, snapshots, withTempDir, writeTree } from "./helpers.ts";

/** The check area's keys. */
const CHECK = /^(verify|prune|list|diff|copy|restore|store)\./;

/** The English pieces of the check area's texts (two words or more, 12 characters or more) that German says otherwise. */
function englishPieces(): string[] {
  const texts = (e: Entry) => typeof e === "string" ? [e] : [e.one, e.other];
  const pieces: string[] = [];
  for (const key of Object.keys(EN) as MessageKey[]) {
    if (!CHECK.test(key)) continue;
    const german = texts(DE[key]);
    for (const text of texts(EN[key])) {
      // The pattern's groups come back from split too (a name, a format, or undefined).
      for (const piece of text.split(PLACEHOLDER)) {
        const p = (piece ?? "").trim();
        if (p.length >= 12 && /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(p) && !german.some((g) => g.includes(p))) {
          pieces.push(p);
        }
      }
    }
  }
  return pieces;
}

Deno.test("i18n check: verify, damage, list, prune -n, diff, restore and copy in German; English unchanged; --json English", async () => {
  await withTempDir(async (dir) => {
    const root = nativePath(`${dir}/root`);
    // 3009 bytes in the first snapshot (2.9 KiB), a new file of 1010 bytes in the second: its size
    // is grouped ("1.010 B" / "1,010 B").
    writeTree(`${dir}/src`, { "a.txt": "eins\n", "b.bin": "x".repeat(3000), "sub/c.txt": "drei" });
    const run = async (args: string[], code = 0) => {
      const r = await phlb(args, { cwd: dir });
      assertEquals(r.code, code, `phlb ${args.join(" ")}:\n${r.stdout}\n${r.stderr}`);
      return { out: r.stdout, err: r.stderr, all: r.stdout + r.stderr };
    };
    await run(["backup", ...SETTLED_FLAGS, "--root", root, "src"]);
    Deno.writeTextFileSync(`${dir}/src/new.txt`, "n".repeat(1010));
    await run(["backup", ...SETTLED_FLAGS, "--root", root, "src"]);
    const [first, second] = snapshots(root, "src");
    assert(first && second && first !== second, `two snapshots: ${first}, ${second}`);
    const de = (args: string[], code = 0) => run(["--lang", "de", ...args], code);
    const german: string[] = [];

    // verify, all well
    const ok = await de(["verify", "--all", "--root", root]);
    german.push(ok.all);
    assertIncludes(ok.out, `2 Snapshots geprüft in ${root}`);
    assertIncludes(ok.out, "Dateien:");
    assertIncludes(ok.out, "7 (6,9 KiB), 2 Ordner, 0 Symlinks"); // 3009 + 3009 + 1010 bytes of files
    assertIncludes(ok.out, "OK: alles stimmt");
    assertIncludes(ok.err, `Prüfe src/${first}`);
    const okEn = await run(["verify", "--all", "--root", root]);
    assertIncludes(okEn.out, `Verified 2 snapshots under ${root}`);
    assertIncludes(okEn.out, "7 (6.9 KiB), 2 folders, 0 symlinks");
    assertIncludes(okEn.out, "OK: everything matches");
    assertIncludes(okEn.err, `Checking src/${first}`);

    // list, list -q
    const list = await de(["list", "--root", root]);
    german.push(list.all);
    for (const header of ["Snapshot", "Status", "Dateien", "Größe", "eigen", "neu", "Dauer", "Fehler"]) {
      assertIncludes(list.out, header);
    }
    assertIncludes(list.out, "vollständig");
    assertIncludes(list.out, "Dedup-Faktor:");
    assertIncludes(list.out, "1,75x");
    assertIncludes(list.out, "1.010 B");
    assertIncludes(list.out, "(2 Snapshots, 3,9 KiB belegt)");
    const listEn = await run(["list", "--root", root]);
    assertIncludes(listEn.out, "snapshot");
    assertIncludes(listEn.out, "complete");
    assertIncludes(listEn.out, "dedup ratio:");
    assertIncludes(listEn.out, "1.75x");
    assertIncludes(listEn.out, "1,010 B");
    assertIncludes(listEn.out, "(2 snapshots, 3.9 KiB on disk)");
    const quiet = await de(["list", "-q", "--root", root]);
    german.push(quiet.all);
    assertEquals(quiet.out, `Sicherungsordner ${root}: 2 Snapshots von 1 Namen, 3,9 KiB belegt\n`);
    const quietEn = await run(["list", "-q", "--root", root]);
    assertEquals(quietEn.out, `Root ${root}: 2 snapshots of 1 name, 3.9 KiB on disk\n`);

    // prune --dry-run
    const prune = await de(["prune", "--dry-run", "--keep-last", "1", "--root", root]);
    german.push(prune.all);
    assertIncludes(prune.out, "Regeln: den neuesten behalten");
    assertIncludes(prune.out, "(behalten 1, entfernen 1)");
    assertIncludes(prune.out, "Aktion");
    assertIncludes(prune.out, "Grund");
    assert(/entfernen +\S+ +von keiner Regel behalten/.test(prune.out), prune.out);
    assert(/behalten +\S+ +letzter Snapshot/.test(prune.out), prune.out);
    assertIncludes(prune.out, "Würde 1 Snapshot entfernen:");
    assertIncludes(prune.out, "Probelauf: nichts wurde entfernt.");
    const pruneEn = await run(["prune", "--dry-run", "--keep-last", "1", "--root", root]);
    assertIncludes(pruneEn.out, "Rules: keep the 1 newest");
    assertIncludes(pruneEn.out, "(keep 1, remove 1)");
    assert(/remove +\S+ +not kept by any rule/.test(pruneEn.out), pruneEn.out);
    assertIncludes(pruneEn.out, "Would remove 1 snapshot:");
    assertIncludes(pruneEn.out, "Dry run: nothing was removed.");
    assertEquals(snapshots(root, "src").length, 2, "a dry run removes nothing");

    // diff: the newest against the one before it
    const diff = await de(["diff", "src@latest", "--root", root]);
    german.push(diff.all);
    assertIncludes(diff.out, "+ new.txt  (1.010 B)");
    assertIncludes(
      diff.out,
      "1 hinzugefügt (1.010 B), 0 entfernt (0 B), 0 geändert, 0 verschoben, 0 nur Metadaten, 3 unverändert",
    );
    const diffEn = await run(["diff", "src@latest", "--root", root]);
    assertIncludes(diffEn.out, "+ new.txt  (1,010 B)");
    assertIncludes(
      diffEn.out,
      "1 added (1,010 B), 0 removed (0 B), 0 modified, 0 moved, 0 metadata only, 3 unchanged",
    );

    // restore into a new folder
    const restore = await de(["restore", `src@${second}`, `${dir}/out-de`, "--root", root]);
    german.push(restore.all);
    assertIncludes(restore.out, `src@${second} nach ${nativePath(`${dir}/out-de`)} wiederhergestellt`);
    assertIncludes(restore.out, "4 (3,9 KiB), jede gegen das Manifest geprüft");
    assert(/Ordner: +1 neu/.test(restore.out), restore.out);
    assertEquals(Deno.readTextFileSync(`${dir}/out-de/new.txt`), "n".repeat(1010));
    const restoreEn = await run(["restore", `src@${second}`, `${dir}/out-en`, "--root", root]);
    assertIncludes(restoreEn.out, `Restored src@${second} into ${nativePath(`${dir}/out-en`)}`);
    assertIncludes(restoreEn.out, "4 (3.9 KiB), each checked against the manifest");
    const restoreQ = await de(["restore", `src@${second}`, `${dir}/out-q`, "--root", root, "-q"]);
    assertEquals(
      restoreQ.out,
      `src@${second} nach ${nativePath(`${dir}/out-q`)} wiederhergestellt: 4 Dateien (3,9 KiB), 0 Fehler\n`,
    );

    // copy to a second root
    const copy = await de(["copy", root, nativePath(`${dir}/root-de`), ...SETTLED_FLAGS]);
    german.push(copy.all);
    assertIncludes(copy.out, `Kopie von ${root} nach ${nativePath(`${dir}/root-de`)}`);
    assertIncludes(copy.out, "2 kopiert, 0 übersprungen");
    assertIncludes(copy.out, "unverändert ungelesen verlinkt");
    assertIncludes(copy.err, "2 Snapshots zu kopieren");
    assertIncludes(copy.err, `Kopiere [1/2] src/${first}`);
    const copyEn = await run(["copy", root, nativePath(`${dir}/root-en`), ...SETTLED_FLAGS]);
    assertIncludes(copyEn.out, `Copy of ${root} to ${nativePath(`${dir}/root-en`)}`);
    assertIncludes(copyEn.out, "2 copied, 0 skipped");
    assertIncludes(copyEn.err, `Copying [1/2] src/${first}`);
    const copyQ = await de(["copy", root, nativePath(`${dir}/root-de`), "-q"]);
    assertIncludes(
      copyQ.out,
      `Kopie nach ${nativePath(`${dir}/root-de`)}: 0 Snapshots kopiert, 2 übersprungen, 0 Dateien (0 B)`,
    );

    // verify after one stored byte is damaged: exit 4, a German damage line and next step
    rotByte(`${root}/src/${second}/b.bin`, 100);
    const bad = await de(["verify", "--root", root], 4);
    german.push(bad.all);
    assertIncludes(bad.out, `content: "src/${second}/b.bin": Inhalt weicht ab: sha256 ist `);
    assertIncludes(bad.out, "…, laut Manifest ");
    assertIncludes(
      bad.out,
      "beschädigt: 1 gespeicherte Kopie, davon 1 im Index markiert: nie wieder verlinkt",
    );
    assertIncludes(bad.out, "BESCHÄDIGT: 1 Problem (content 1)");
    // The command line inside the German hint is the one to type.
    assertIncludes(
      bad.out,
      `Als Nächstes: phlb verify --repair --dry-run --root ${
        quoteArg(root)
      }   zeigt, wie sich die beschädigten Kopien heilen lassen`,
    );
    const badEn = await run(["verify", "--root", root], 4);
    assertIncludes(badEn.out, `content: "src/${second}/b.bin": content differs: sha256 is `);
    assertIncludes(badEn.out, "DAMAGED: 1 problem (content 1)");
    assertIncludes(
      badEn.out,
      `next: phlb verify --repair --dry-run --root ${
        quoteArg(root)
      }   shows how the damaged copies can be healed`,
    );

    // --json stays English, with no catalogue texts in it
    const json = JSON.parse((await de(["verify", "--root", root, "--json"], 4)).out);
    assertEquals(json.status, "damaged");
    assert(String(json.next).startsWith("next: phlb verify --repair --dry-run"), json.next);
    assertEquals(Object.keys(json.problemList[0]).sort(), ["kind", "message", "path", "snapshot"]);
    assert(
      String(json.problemList[0].message).startsWith("content differs: sha256 is "),
      json.problemList[0].message,
    );
    const pruneJson = JSON.parse(
      (await de(["prune", "--dry-run", "--keep-last", "1", "--root", root, "--json"])).out,
    );
    assertEquals(pruneJson.items.map((i: { reasons: string[] }) => i.reasons), [
      ["not kept by any rule"],
      ["last snapshot"],
    ]);
    assert(!("reasonTexts" in pruneJson.items[0]), "no catalogue texts in --json");

    // None of the German output holds an English sentence of the check area's catalogue.
    const all = german.join("\n");
    assertEquals(englishPieces().filter((p) => all.includes(p)), [], all);
  });
});
