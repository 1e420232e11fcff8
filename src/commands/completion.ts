/**
 * `phlb completion bash|zsh|fish|powershell`: a completion script made from the command tree
 * itself (subcommands, aliases, options, their choices, what each argument is), so it cannot
 * drift from `--help`; and the hidden `phlb __complete snapshots|names WORDS…` that the scripts
 * call for the NAME@ID values of the root those words name (from the index, else the folders).
 * The script text is built in src/report/completion_scripts.ts.
 * @module
 */
import {
  Argument,
  Command,
  type CommandUnknownOpts,
  type Help,
  type Option,
} from "@commander-js/extra-typings";
import { ExitCode } from "../errors.ts";
import { t } from "../i18n/messages.ts";
import { BackupIndex } from "../index/index.ts";
import {
  completionScript,
  type CompletionTree,
  type Shell,
  type ValueKind,
} from "../report/completion_scripts.ts";
import { out } from "../report/term.ts";
import { resolve } from "node:path";
import { pathExists } from "../fs/classify.ts";
import { listBackupNames, listSnapshots, metaDir, snapshotPath } from "../store/layout.ts";
import { VERSION } from "../version.ts";
import { exitCodesHelp, helpAfter } from "./common.ts";
import { commandConfig, type CommandContext } from "./context.ts";

/** The shells a script is made for. */
export const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;

/**
 * What each command's arguments are, for completion: `COMMAND/ARGUMENT`. Every argument of the
 * tree must be here ({@linkcode completionTree} throws otherwise, and the completion test builds
 * every script), so a new argument cannot be forgotten.
 */
const ARGUMENT_KINDS: Record<string, ValueKind> = {
  "backup/source": "dir",
  "backup/dest": "dir",
  "list/name": "snapshot",
  "verify/snapshots": "snapshot",
  "restore/snapshot": "snapshot",
  "restore/target": "dir",
  "diff/a": "snapshot",
  "diff/b": "snapshot",
  "prune/root": "dir",
  "copy/src_root": "dir",
  "copy/dest_root": "dir",
  "add/root": "dir",
  "serve/root": "dir",
  "helper/dir": "dir",
  "completion/shell": "choice",
  "help/command": "command",
};

/** What option values are, where completion can offer some; other values are typed freely. */
const OPTION_KINDS: Record<string, ValueKind> = {
  "--root": "dir",
  "--name": "name",
  "--exclude-from": "file",
};

function optionModel(o: Option, help: Help) {
  const takesValue = o.required || o.optional;
  const choices = (o as unknown as { argChoices?: string[] }).argChoices;
  return {
    flags: [o.short, o.long].filter((f): f is string => f !== undefined),
    takesValue,
    kind: (!takesValue ? "none" : choices ? "choice" : OPTION_KINDS[o.long ?? ""] ?? "any") as ValueKind,
    choices,
    description: help.optionDescription(o as never),
  };
}

/** The command tree as completion sees it. Throws when an argument has no kind in ARGUMENT_KINDS. */
export function completionTree(program: CommandUnknownOpts): CompletionTree {
  const help = program.createHelp();
  const commands = help.visibleCommands(program as never).map((c) => {
    const cmd = c as unknown as Command;
    // All of them: commander's help shows arguments only when one has a description.
    const args = cmd.registeredArguments.map((a) => {
      const key = `${cmd.name()}/${a.name()}`;
      const kind = ARGUMENT_KINDS[key];
      if (!kind) throw new Error(`completion: the argument ${key} has no kind in ARGUMENT_KINDS`);
      const choices = kind === "command"
        ? help.visibleCommands(program as never).map((x) => x.name()).filter((n) => n !== "help")
        : (a as unknown as { argChoices?: string[] }).argChoices;
      return { name: a.name(), variadic: a.variadic, kind, choices };
    });
    return {
      name: cmd.name(),
      aliases: cmd.aliases(),
      description: cmd.summary() || cmd.description().split("\n")[0],
      options: help.visibleOptions(cmd as never).map((o) => optionModel(o as unknown as Option, help)),
      args,
    };
  });
  return {
    name: program.name(),
    version: VERSION,
    options: help.visibleOptions(program as never).map((o) => optionModel(o as unknown as Option, help)),
    commands,
  };
}

/** Builds the `completion` subcommand. */
export function completionCommand(_ctx: CommandContext) {
  return new Command("completion")
    .description(t("cli.completion.description"))
    .addArgument(new Argument("<shell>", t("cli.completion.arg.shell")).choices(SHELLS))
    .addHelpText(
      "after",
      helpAfter({
        text: t("cli.completion.help"),
        examples: [
          ["phlb completion bash > ~/.local/share/bash-completion/completions/phlb", ""],
          ['phlb completion zsh > "${fpath[1]}/_phlb"', ""],
          ["phlb completion fish > ~/.config/fish/completions/phlb.fish", ""],
          ["phlb completion powershell >> $PROFILE", ""],
        ],
        exitCodes: exitCodesHelp([ExitCode.Ok, ExitCode.Usage]),
      }),
    )
    .action((shell, _opts, cmd) => {
      const program = cmd.parent!;
      out(completionScript(completionTree(program), shell as Shell));
    });
}

/** The options of `copy` that take a value (the word after them is no argument). */
const COPY_VALUE_OPTIONS = ["-r", "--root", "--name", "--since", "--lock-wait"];

/**
 * The root a completion's words name: `-r PATH`, `--root PATH` or `--root=PATH`, else what every
 * command would use (PHLB_ROOT, the ini, the default); for `copy`, its SRC_ROOT.
 */
export function rootOfWords(words: readonly string[]): string | undefined {
  // `copy --name` picks from SRC_ROOT (its first argument): those are the names it copies.
  const copyAt = words.indexOf("copy");
  if (copyAt >= 0) {
    for (let i = copyAt + 1; i < words.length - 1; i++) {
      if (COPY_VALUE_OPTIONS.includes(words[i])) i++;
      else if (!words[i].startsWith("-") && words[i] !== "") return resolve(words[i]);
    }
  }
  let flag: string | undefined;
  words.forEach((w, i) => {
    if ((w === "-r" || w === "--root") && i + 1 < words.length) flag = words[i + 1];
    else if (w.startsWith("--root=")) flag = w.slice("--root=".length);
  });
  try {
    return commandConfig({ flag }, {}).root;
  } catch {
    return undefined;
  }
}

/** NAME@latest and NAME@ID of the complete snapshots under `root`: from the index, else the folders. */
export function snapshotCompletions(root: string): string[] {
  const out: string[] = [];
  let index: BackupIndex | undefined;
  try {
    index = BackupIndex.openIfPresent(metaDir(root), { immutable: true });
  } catch { /* damaged: the folders say it */ }
  try {
    // Rows of folders deleted by hand are not offered: the index is reconciled by the next write only.
    const rows = index?.listSnapshots().filter((r) =>
      r.status === "complete" && pathExists(snapshotPath(root, r.name, r.snapId, "complete"))
    ) ?? [];
    if (rows.length > 0) {
      for (
        const name of [
          ...new Set(rows.map((r) =>
            r.name
          )),
        ].sort()
      ) out.push(`${name}@latest`);
      for (const r of rows) out.push(`${r.name}@${r.snapId}`);
      return out;
    }
  } finally {
    index?.close();
  }
  for (const name of listBackupNames(root)) {
    out.push(`${name}@latest`);
    for (const s of listSnapshots(root, name)) if (s.status === "complete") out.push(`${name}@${s.id}`);
  }
  return out;
}

/** Builds the hidden `__complete` subcommand (what the completion scripts call). */
export function completeCommand(_ctx: CommandContext) {
  return new Command("__complete")
    .description(t("cli.complete.description"))
    .argument("<what>", t("cli.complete.arg.what"))
    .argument("[words...]", t("cli.complete.arg.words"))
    .allowUnknownOption()
    .helpOption(false)
    .action((what, words) => {
      // Pressing Tab must never print an error into the line being typed: no root, no values.
      const root = rootOfWords(words);
      if (root === undefined) return;
      try {
        const values = what === "names" ? listBackupNames(root) : snapshotCompletions(root);
        if (values.length > 0) out(values.join("\n") + "\n");
      } catch { /* no root there yet */ }
    });
}
