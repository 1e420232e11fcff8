import { assertEquals } from "../../tests/assert.ts";
import { withTempDir, writeTree } from "../../tests/helpers.ts";
import { joinPath } from "../fs/path.ts";
import {
  isLegacyRunConfig,
  isLegacySummary,
  isUnadoptedLegacySnapshot,
  legacyMarks,
  parseLegacyHash,
} from "./legacy.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const DIGEST = "0123456789abcdef".repeat(8);

Deno.test("parseLegacyHash: exactly a 128-digit lowercase digest, as PyHardLinkBackup wrote it", () => {
  const table: [string, string | undefined][] = [
    [DIGEST, DIGEST], // as written: no newline
    [DIGEST + "\n", DIGEST],
    [DIGEST + "\r\n", DIGEST],
    [DIGEST.toUpperCase(), undefined],
    [DIGEST.slice(1), undefined],
    [DIGEST + "0", undefined],
    [`${DIGEST}  file.iso\n`, undefined], // a sha512sum listing: the user's
    [DIGEST + "\n\n", undefined],
    ["", undefined], // written by a run that failed before the hash
    ["sha512 notes", undefined],
  ];
  for (const [text, want] of table) assertEquals(parseLegacyHash(enc(text)), want, JSON.stringify(text));
});

Deno.test("isLegacyRunConfig: only PyHardLinkBackup's [BACKUP_RUN] primary_key file", () => {
  const table: [string, boolean][] = [
    ["[BACKUP_RUN]\nprimary_key = 12\n\n", true], // configparser.write
    ["[BACKUP_RUN]\r\nprimary_key = 3\r\n\r\n", true],
    ["[BACKUP_RUN]\nprimary_key = x\n", false],
    ["[BACKUP_RUN]\nprimary_key = 1\nother = 2\n", false],
    ["[common]\nBACKUP_PATH = ~/x\n", false],
    ["", false],
  ];
  for (const [text, want] of table) assertEquals(isLegacyRunConfig(text), want, JSON.stringify(text));
});

Deno.test("isLegacySummary: its first line names the snapshot", () => {
  const id = "2016-02-01-101010";
  assertEquals(isLegacySummary(`Start backup: ${id}\n\nSource: /x\n`, id), true);
  assertEquals(isLegacySummary(`Start backup: ${id}\r\nSource path: /x\r\n`, id), true);
  assertEquals(isLegacySummary(`Start backup: 2016-02-01-101011\n`, id), false);
  assertEquals(isLegacySummary(`my summary\nStart backup: ${id}\n`, id), false);
});

Deno.test("legacyMarks and isUnadoptedLegacySnapshot: marked by its run config or its summary, adopted once a manifest is beside it", async () => {
  await withTempDir((t) => {
    const snap = (id: string) => ({ name: "Docs", id, path: `${t}/Docs/${id}` });
    writeTree(t, {
      "Docs/2020-01-01-000000/phlb_config.ini": "[BACKUP_RUN]\nprimary_key = 1\n\n",
      "Docs/2020-01-02-000000/a.txt": "a",
      "Docs/2020-01-02-000000 summary.txt": "Start backup: 2020-01-02-000000\n",
      "Docs/2020-01-03-000000/phlb_config.ini": "[common]\nBACKUP_PATH = x\n",
      "Docs/2020-01-03-000000 summary.txt": "Start backup: 2020-01-01-000000\n",
      "Docs/2020-01-04-000000/phlb_config.ini": "[BACKUP_RUN]\nprimary_key = 4\n",
      "Docs/2020-01-04-000000.sha256": "",
    });
    assertEquals(legacyMarks(t, snap("2020-01-01-000000")), {
      runConfig: joinPath(`${t}/Docs/2020-01-01-000000`, "phlb_config.ini"),
    });
    assertEquals(legacyMarks(t, snap("2020-01-02-000000")), {
      summary: joinPath(t, "Docs/2020-01-02-000000 summary.txt"),
    });
    assertEquals(legacyMarks(t, snap("2020-01-03-000000")), {});
    assertEquals(
      ["01", "02", "03", "04"].map((d) => isUnadoptedLegacySnapshot(t, snap(`2020-01-${d}-000000`))),
      [true, true, false, false],
    );
  });
});
