/**
 * The docs say only what exists: every relative link in README.md, CHANGELOG.md and docs/ resolves to a
 * file, and an anchor in it to a heading of that file; every `phlb` subcommand and option the docs name,
 * in a shell code block or in inline code, is in that command's `--help`.
 * @module
 */
import { join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, assertEquals } from "./assert.ts";
import { phlb, withTempDir, writeTree } from "./helpers.ts";

const CLONE = fileURLToPath(new URL("..", import.meta.url));

/** The Markdown files the checks read, relative to the clone. */
function docFiles(): string[] {
  const docs = [...Deno.readDirSync(join(CLONE, "docs"))]
    .filter((e) => e.isFile && e.name.endsWith(".md"))
    .map((e) => `docs/${e.name}`)
    .sort();
  return ["README.md", "CHANGELOG.md", ...docs];
}

interface Markdown {
  /** Text outside fenced code blocks, inline code spans blanked out. */
  prose: string;
  /** Lines of fenced blocks in a shell-like language (sh, bash, bat, powershell, …). */
  shellLines: string[];
  /** The contents of inline code spans. */
  inlineCode: string[];
  /** Headings outside code blocks, as written. */
  headings: string[];
}

const SHELL_LANGUAGES = new Set(["sh", "bash", "shell", "console", "bat", "cmd", "powershell", "ps1"]);

function parseMarkdown(text: string): Markdown {
  const prose: string[] = [];
  const shellLines: string[] = [];
  const inlineCode: string[] = [];
  const headings: string[] = [];
  let fence: { marker: string; shell: boolean } | undefined;
  for (const line of text.split("\n")) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (fence) {
      if (open && open[2].startsWith(fence.marker) && line.trim() === open[2]) fence = undefined;
      else if (fence.shell) shellLines.push(line);
      continue;
    }
    if (open) {
      fence = { marker: open[2], shell: SHELL_LANGUAGES.has(open[3].toLowerCase()) };
      continue;
    }
    // Inline code spans: `x` or ``x``; their text is kept apart and blanked out of the prose.
    const blanked = line.replace(/(`+)(.+?)\1/g, (_m, _ticks, code: string) => {
      inlineCode.push(code.trim());
      return " ";
    });
    prose.push(blanked);
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) headings.push(h[1]);
  }
  return { prose: prose.join("\n"), shellLines, inlineCode, headings };
}

/** GitHub's anchor for a heading: text without markup, lower case, punctuation dropped, spaces as `-`. */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // links and images: their text
    .replace(/<[^>]+>/g, "") // inline HTML
    .replace(/[`*_~]/g, (c) => (c === "_" ? "_" : "")); // emphasis and code markers (underscores stay)
  return text.toLowerCase().replace(/[^\p{L}\p{N}\p{M} _-]/gu, "").replace(/ /g, "-");
}

/** Every anchor a file offers: its headings' slugs (a repeated one gets -1, -2, …) and HTML ids. */
function anchorsOf(md: Markdown, text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const h of md.headings) {
    const base = slug(h.replace(/\*\*|__/g, ""));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  return anchors;
}

/** The targets of Markdown links and images, and of reference definitions, in prose. */
function linkTargets(prose: string): string[] {
  const targets: string[] = [];
  for (const m of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]);
  for (const m of prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) targets.push(m[1]);
  return targets;
}

/** What is wrong with the relative links of `files` (paths relative to `root`); empty when all resolve. */
export function brokenLinks(root: string, files: string[]) {
  const problems: string[] = [];
  const parsed = new Map<string, { md: Markdown; anchors: Set<string> }>();
  const load = (file: string) => {
    let entry = parsed.get(file);
    if (!entry) {
      const text = Deno.readTextFileSync(join(root, file));
      const md = parseMarkdown(text);
      entry = { md, anchors: anchorsOf(md, text) };
      parsed.set(file, entry);
    }
    return entry;
  };
  let checked = 0;
  for (const file of files) {
    for (const target of linkTargets(load(file).md.prose)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, …
      checked++;
      const [pathPart, anchor] = target.split("#", 2) as [string, string | undefined];
      // Links are written with "/" on every system, and so are the names in the messages.
      const resolved = pathPart === ""
        ? file
        : posix.normalize(posix.join(posix.dirname(file), decodeURIComponent(pathPart)));
      if (resolved === ".." || resolved.startsWith("../")) {
        problems.push(`${file}: ${target}: leads outside the repository`);
        continue;
      }
      let info: Deno.FileInfo;
      try {
        info = Deno.statSync(join(root, resolved));
      } catch {
        problems.push(`${file}: ${target}: no such file`);
        continue;
      }
      if (anchor === undefined) continue;
      if (!info.isFile || !resolved.endsWith(".md")) {
        problems.push(`${file}: ${target}: an anchor into something that is not a Markdown file`);
      } else if (!load(resolved).anchors.has(anchor)) {
        problems.push(`${file}: ${target}: no heading with this anchor in ${resolved}`);
      }
    }
  }
  return { problems, checked };
}

/** Splits a command line into words, keeping quoted parts together (quotes removed). */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** A `phlb` command named in the docs: its subcommand and the options given to it. */
export interface NamedCommand {
  where: string;
  subcommand: string;
  options: string[];
}

/**
 * The phlb commands in a shell line or inline code: each part between `&&`, `||`, `;` and `|` whose
 * program is phlb (`phlb`, `./phlb`, `E:\phlb.exe`, `phlb.cmd`), up to a `#` comment or a `->` arrow.
 */
export function phlbCommands(code: string, where: string): NamedCommand[] {
  const found: NamedCommand[] = [];
  const line = code.replace(/(^|\s)(#|rem\s).*$/, "").replace(/\s->\s.*$/, "");
  for (const part of line.split(/&&|\|\||;|\s\|\s/)) {
    const w = words(part);
    const at = w.findIndex((x) => /^(phlb|phlb\.exe|phlb\.cmd)$/i.test(x.split(/[\\/]/).pop()!));
    if (at < 0) continue;
    const sub = w[at + 1];
    // `phlb` alone, or with a placeholder (`phlb …`, `phlb <command>`), names no subcommand.
    if (sub === undefined || !/^-|^[a-z][\w-]*$/.test(sub)) continue;
    const rest = sub.startsWith("-") ? w.slice(at + 1) : w.slice(at + 2);
    found.push({
      where,
      subcommand: sub.startsWith("-") ? "" : sub,
      options: rest.filter((x) => /^--?[A-Za-z]/.test(x)).map((x) => x.replace(/=.*$/, "")),
    });
  }
  return found;
}

/** The options listed in the "Options:" part of a commander help text. */
export function helpOptions(help: string): Set<string> {
  const options = new Set<string>();
  let inOptions = false;
  for (const line of help.split("\n")) {
    if (/^\S/.test(line)) inOptions = line.startsWith("Options:");
    else if (inOptions) {
      const m = /^\s+((?:-{1,2}[\w-]+(?: <[^>]+>| \[[^\]]+\])?(?:, )?)+)/.exec(line);
      for (const o of m?.[1].matchAll(/-{1,2}[\w-]+/g) ?? []) options.add(o[0]);
    }
  }
  return options;
}

/** The subcommands (and their aliases) listed in the "Commands:" part of the root help. */
export function helpCommands(help: string): Map<string, string> {
  const commands = new Map<string, string>();
  let inCommands = false;
  for (const line of help.split("\n")) {
    if (/^\S/.test(line)) inCommands = line.startsWith("Commands:");
    else if (inCommands) {
      const m = /^\s+([\w-]+(?:\|[\w-]+)*)/.exec(line);
      if (!m) continue;
      const names = m[1].split("|");
      for (const n of names) commands.set(n, names[0]);
    }
  }
  return commands;
}

/**
 * Options named on their own in inline code (`--no-pause`) that belong to another program, each with
 * the program. Anything else on its own must be a phlb option.
 */
const NOT_PHLB_OPTIONS: Record<string, string> = {
  "--no-pause": "the helper's .cmd script",
  "--allow-ffi": "deno run (the phlb task's permission list)",
  "--allow-all": "deno run",
  "--v8-flags": "deno run",
  "--lite-mode": "V8",
  "--jitless": "V8",
  "--files": "deno task bench:scale",
  "--runs": "deno task bench:scale",
  "--warm": "deno task bench, bench:scale",
  "--keep": "deno task bench:scale",
  "--bundle": "deno task bench, bench:scale",
  "--engine": "deno task bench:native",
  "--target": "deno task compile",
  "-o": "mount",
  "-a": "rsync and cp",
};

/** What is wrong with the phlb commands and options the docs name; empty when all exist. */
export function unknownCommandsAndOptions(
  texts: { file: string; text: string }[],
  help: { commands: Map<string, string>; options: Map<string, Set<string>> },
) {
  const problems: string[] = [];
  const commands: NamedCommand[] = [];
  const standalone: { where: string; option: string }[] = [];
  for (const { file, text } of texts) {
    const md = parseMarkdown(text);
    for (const line of md.shellLines) commands.push(...phlbCommands(line, `${file}: ${line.trim()}`));
    for (const code of md.inlineCode) {
      const named = phlbCommands(code, `${file}: \`${code}\``);
      commands.push(...named);
      const first = words(code)[0];
      if (named.length === 0 && first !== undefined && /^--?[A-Za-z]/.test(first)) {
        standalone.push({ where: `${file}: \`${code}\``, option: first.replace(/=.*$/, "") });
      }
    }
  }
  const everyOption = new Set([...help.options.values()].flatMap((s) => [...s]));
  const known = (option: string, within: Set<string>) =>
    option.endsWith("…") ? [...within].some((o) => o.startsWith(option.slice(0, -1))) : within.has(option);
  for (const c of commands) {
    const name = c.subcommand === "" ? "" : help.commands.get(c.subcommand);
    if (name === undefined) {
      problems.push(`${c.where}: no subcommand "${c.subcommand}"`);
      continue;
    }
    const own = new Set([...help.options.get(name)!, ...help.options.get("")!]);
    for (const o of c.options) {
      if (!known(o, own)) problems.push(`${c.where}: phlb ${name || "(no subcommand)"} has no option ${o}`);
    }
  }
  for (const s of standalone) {
    if (!known(s.option, everyOption) && !(s.option in NOT_PHLB_OPTIONS)) {
      problems.push(`${s.where}: no phlb command has the option ${s.option}`);
    }
  }
  return { problems, commands: commands.length, standalone: standalone.length };
}

/** Every subcommand's help, and the root's under "". */
async function helpTexts() {
  const root = await phlb(["--help"]);
  assertEquals(root.code, 0, root.stderr);
  const commands = helpCommands(root.stdout);
  const names = [...new Set(commands.values())].filter((n) => n !== "help");
  const options = new Map<string, Set<string>>([["", helpOptions(root.stdout)]]);
  await Promise.all(names.map(async (n) => {
    const r = await phlb([n, "--help"]);
    assertEquals(r.code, 0, `${n} --help: ${r.stderr}`);
    options.set(n, helpOptions(r.stdout));
  }));
  return { commands, options };
}

Deno.test("docs: every relative link and anchor in README.md, CHANGELOG.md and docs/ resolves", () => {
  const { problems, checked } = brokenLinks(CLONE, docFiles());
  assertEquals(problems, []);
  assert(checked >= 45, `only ${checked} relative links found: is the link parser still reading them?`);
});

Deno.test("docs: the link check finds a missing file, a missing anchor and a link out of the repository", async () => {
  await withTempDir((t) => {
    writeTree(t, {
      "README.md": "# Top\n\nSee [a](docs/a.md#two-words) and [gone](docs/none.md), [b](docs/a.md#nope).\n" +
        "`[not a link](docs/none.md)` and [web](https://example.com/x) are skipped; [out](../x.md).\n",
      "docs/a.md": "# A\n\n## Two `words`\n\n```sh\n# not a heading\n```\n",
    });
    const { problems, checked } = brokenLinks(t, ["README.md"]);
    assertEquals(checked, 4);
    assertEquals(problems, [
      "README.md: docs/none.md: no such file",
      "README.md: docs/a.md#nope: no heading with this anchor in docs/a.md",
      "README.md: ../x.md: leads outside the repository",
    ]);
  });
  assertEquals(
    slug("phlb on a USB stick, backups on the same stick"),
    "phlb-on-a-usb-stick-backups-on-the-same-stick",
  );
  assertEquals(slug("An existing `~/PyHardLinkBackups` root"), "an-existing-pyhardlinkbackups-root");
});

Deno.test("docs: every phlb subcommand and option named in the docs is in that command's --help", async () => {
  const help = await helpTexts();
  const texts = docFiles().map((file) => ({ file, text: Deno.readTextFileSync(join(CLONE, file)) }));
  const { problems, commands, standalone } = unknownCommandsAndOptions(texts, help);
  assertEquals(problems, []);
  assert(
    commands >= 100,
    `only ${commands} phlb commands found in the docs: is the parser still finding them?`,
  );
  assert(
    standalone >= 60,
    `only ${standalone} options named on their own: is the parser still finding them?`,
  );
});

Deno.test("docs: the command check finds an unknown subcommand, another command's option and a typo", async () => {
  const help = await helpTexts();
  const text = [
    "```sh",
    "phlb bakup ~/Documents                  # a typo",
    "cd /stick && ./phlb list --dry-run      # an option of backup, not of list",
    "phlb verify --all                       # fine",
    "```",
    "Run `phlb prune --keep-dayly 7`, or `--chekcsum`; `--keep-…` and `phlb …` are fine.",
  ].join("\n");
  const { problems } = unknownCommandsAndOptions([{ file: "x.md", text }], help);
  assertEquals(problems.map((p) => p.replace(/^.*: /, "")), [
    `no subcommand "bakup"`,
    "phlb list has no option --dry-run",
    "phlb prune has no option --keep-dayly",
    "no phlb command has the option --chekcsum",
  ]);
});
