/**
 * `deno task man`: writes the man page `phlb.1` from the command tree (src/report/man_page.ts).
 * `--check` writes nothing and exits 1 when the committed file differs (tests/man_test.ts).
 * The release workflow ships the file in each archive.
 * @module
 */
import { ROOT_ENV } from "../src/commands/context.ts";
import { buildProgram } from "../src/commands/program.ts";
import { ExitCode } from "../src/errors.ts";
import { manPage } from "../src/report/man_page.ts";
import { VERSION } from "../src/version.ts";

/** The path of the committed page. */
export const MAN_PATH = new URL("../phlb.1", import.meta.url);

/** The page as the tree makes it now. */
export function currentManPage(): string {
  const program = buildProgram({ exitCode: ExitCode.Ok, signal: new AbortController().signal }, {
    writeOut: () => {},
    writeErr: () => {},
  });
  return manPage(program, {
    version: VERSION,
    environment: [
      [
        ROOT_ENV,
        "the backup root, when -r/--root and a positional root are not given; it wins over BACKUP_PATH",
      ],
      [
        "HOME, USERPROFILE",
        "the home folder: ~/PyHardLinkBackups (the default root) and the home PyHardLinkBackup.ini",
      ],
      ["VISUAL, EDITOR", "the editor `phlb config` opens"],
      ["PHLB_DEBUG", "when set, errors show their full cause (as --debug)"],
      ["NO_COLOR", "when set, nothing is coloured"],
    ],
    files: [
      [
        "PyHardLinkBackup.ini",
        "the settings: the first found in the working folder, its parents, then the home folder " +
        "(`phlb config --show` names it)",
      ],
      ["ROOT/NAME/ID/", "a snapshot: a plain folder of the backed-up files"],
      ["ROOT/NAME/ID.sha256, ID.log, ID.summary.json", "its manifest (sha256sum -c), run log and summary"],
      ["ROOT/.phlb/index.sqlite", "the index, a cache `phlb add` rebuilds from the snapshots"],
    ],
    seeAlso:
      "rsync(1), sha256sum(1); https://github.com/jedie/PyHardLinkBackup; the docs/ folder of the source",
  });
}

if (import.meta.main) {
  const page = currentManPage();
  if (Deno.args.includes("--check")) {
    let committed = "";
    try {
      committed = Deno.readTextFileSync(MAN_PATH).replaceAll("\r\n", "\n");
    } catch { /* missing: differs */ }
    if (committed !== page) {
      console.error("phlb.1 is not what the command tree makes: run `deno task man`");
      Deno.exit(1);
    }
  } else {
    Deno.writeTextFileSync(MAN_PATH, page);
    console.error(`wrote ${MAN_PATH.pathname}`);
  }
}
