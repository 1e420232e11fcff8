/**
 * The text of the completion scripts for bash, zsh, fish and PowerShell, made from a description
 * of the command tree (src/commands/completion.ts builds it from commander's). Each script
 * completes subcommands, options and their choices, folders and files where an argument is one,
 * and asks `phlb __complete snapshots WORDS…` for NAME@ID values. Pure: returns text.
 * @module
 */

/** What an argument or an option's value is, for completion. */
export type ValueKind = "none" | "any" | "dir" | "file" | "snapshot" | "name" | "choice" | "command";

/** An option as completion sees it. */
export interface CompletionOption {
  /** `-r`, `--root`. */
  flags: string[];
  takesValue: boolean;
  kind: ValueKind;
  choices?: readonly string[];
  description: string;
}

/** A positional argument. */
export interface CompletionArgument {
  name: string;
  variadic: boolean;
  kind: ValueKind;
  choices?: readonly string[];
}

/** A subcommand. */
export interface CompletionCommand {
  name: string;
  aliases: string[];
  description: string;
  options: CompletionOption[];
  args: CompletionArgument[];
}

/** The whole tree. */
export interface CompletionTree {
  name: string;
  version: string;
  options: CompletionOption[];
  commands: CompletionCommand[];
}

/** The shells a script is made for. */
export type Shell = "bash" | "zsh" | "fish" | "powershell";

/** The completion script for `shell`. */
export function completionScript(tree: CompletionTree, shell: Shell): string {
  switch (shell) {
    case "bash":
      return bashScript(tree);
    case "zsh":
      return zshScript(tree);
    case "fish":
      return fishScript(tree);
    case "powershell":
      return powershellScript(tree);
  }
}

const header = (tree: CompletionTree, shell: string, comment = "#") =>
  `${comment} ${shell} completion for ${tree.name} ${tree.version}, made by \`${tree.name} completion ${shell}\` ` +
  `from its command tree.\n${comment} Do not edit: make it again after an upgrade.\n`;

/** A kind with its choices, as the scripts pass it around: "choice:a b c". */
function kindWord(kind: ValueKind, choices?: readonly string[]): string {
  return kind === "choice" || kind === "command" ? `choice:${(choices ?? []).join(" ")}` : kind;
}

/** The names a command answers to. */
const namesOf = (c: CompletionCommand) => [c.name, ...c.aliases];

/** A word in single quotes for sh-like shells. */
const sq = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

// ---- bash (3.2 and later: no associative arrays)

function bashScript(tree: CompletionTree): string {
  const p = tree.name;
  const topWords = [...tree.commands.flatMap(namesOf), ...tree.options.flatMap((o) => o.flags)].join(" ");
  const valued = tree.commands.flatMap((c) => c.options.filter((o) => o.takesValue).map((o) => ({ c, o })));
  const caseLines = (rows: { pattern: string; body: string }[]) =>
    rows.map((r) => `    ${r.pattern}) ${r.body} ;;`).join("\n");
  const pattern = (c: CompletionCommand, words: string[]) =>
    namesOf(c).flatMap((n) => words.map((w) => sq(`${n} ${w}`))).join("|");
  const takes = caseLines(
    valued.map(({ c, o }) => ({ pattern: pattern(c, o.flags), body: "return 0" })),
  );
  const optionKinds = caseLines(
    valued.map(({ c, o }) => ({
      pattern: pattern(c, o.flags),
      body: `echo ${sq(kindWord(o.kind, o.choices))}`,
    })),
  );
  const optionLists = caseLines(tree.commands.map((c) => ({
    pattern: namesOf(c).map(sq).join("|"),
    body: `echo ${sq(c.options.flatMap((o) => o.flags).join(" "))}`,
  })));
  const argRows: { pattern: string; body: string }[] = [];
  for (const c of tree.commands) {
    c.args.forEach((a, i) => {
      const pos = a.variadic ? "*" : String(i);
      const pat = namesOf(c).map((n) => a.variadic ? `${sq(`${n} `)}*` : sq(`${n} ${pos}`)).join("|");
      argRows.push({ pattern: pat, body: `echo ${sq(kindWord(a.kind, a.choices))}` });
    });
  }
  return `${
    header(tree, "bash")
  }# Install: ${p} completion bash > ~/.local/share/bash-completion/completions/${p}

_${p}_takes_value() {
  case "$1 $2" in
${takes}
  esac
  return 1
}

_${p}_option_kind() {
  case "$1 $2" in
${optionKinds}
  esac
}

_${p}_options() {
  case "$1" in
${optionLists}
  esac
}

_${p}_arg_kind() {
  case "$1 $2" in
${caseLines(argRows)}
  esac
}

_${p}() {
  local cur prev cmd="" w i=1 pos=0 kind IFS=$'\\n'
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  # --root=PATH: bash splits it at '='.
  if [ "$prev" = "=" ] && [ "$COMP_CWORD" -ge 2 ]; then prev="\${COMP_WORDS[COMP_CWORD-2]}"; fi
  if [ "$cur" = "=" ]; then cur=""; fi
  while [ "$i" -lt "$COMP_CWORD" ]; do
    w="\${COMP_WORDS[i]}"
    if [ -z "$cmd" ]; then
      case "$w" in -*) ;; *) cmd="$w" ;; esac
    else
      case "$w" in
        --*=*|=) ;;
        -*) if _${p}_takes_value "$cmd" "$w"; then i=$((i + 1)); fi ;;
        *) if [ "\${COMP_WORDS[i-1]}" != "=" ]; then pos=$((pos + 1)); fi ;;
      esac
    fi
    i=$((i + 1))
  done
  if [ -z "$cmd" ]; then
    COMPREPLY=($(IFS=' '; compgen -W ${sq(topWords)} -- "$cur"))
    return 0
  fi
  kind="$(_${p}_option_kind "$cmd" "$prev")"
  if [ -z "$kind" ]; then
    case "$cur" in
      -*) COMPREPLY=($(IFS=' '; compgen -W "$(_${p}_options "$cmd")" -- "$cur")); return 0 ;;
    esac
    kind="$(_${p}_arg_kind "$cmd" "$pos")"
  fi
  case "$kind" in
    dir) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")) ;;
    file) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
    snapshot)
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen -W "$(command ${p} __complete snapshots "\${COMP_WORDS[@]}" 2>/dev/null)" -- "$cur") $(compgen -d -- "$cur")) ;;
    name) COMPREPLY=($(compgen -W "$(command ${p} __complete names "\${COMP_WORDS[@]}" 2>/dev/null)" -- "$cur")) ;;
    choice:*) COMPREPLY=($(IFS=' '; compgen -W "\${kind#choice:}" -- "$cur")) ;;
    *) COMPREPLY=() ;;
  esac
  return 0
}

complete -F _${p} ${p}
`;
}

// ---- zsh

/** Text inside an _arguments description `[…]` or a _describe entry. */
const zshText = (s: string) => s.replace(/[[\]]/g, "").replaceAll(":", "\\:").replaceAll("'", "'\\''");

function zshAction(kind: ValueKind, choices?: readonly string[]): string {
  switch (kind) {
    case "dir":
      return "_files -/";
    case "file":
      return "_files";
    case "snapshot":
      return "_phlb_snapshots";
    case "name":
      return "_phlb_names";
    case "choice":
    case "command":
      return `(${(choices ?? []).join(" ")})`;
    default:
      return " ";
  }
}

function zshOption(o: CompletionOption): string {
  const desc = `[${zshText(o.description.split(" (")[0])}]`;
  const value = o.takesValue ? `:value:${zshAction(o.kind, o.choices)}` : "";
  if (o.flags.length === 1) return `'${o.flags[0]}${desc}${value}'`;
  return `'(${o.flags.join(" ")})'{${o.flags.join(",")}}'${desc}${value}'`;
}

function zshScript(tree: CompletionTree): string {
  const p = tree.name;
  const cmds = tree.commands.flatMap((c) => namesOf(c).map((n) => `    '${n}:${zshText(c.description)}'`));
  const cases = tree.commands.map((c) => {
    const specs = [
      ...c.options.map(zshOption),
      ...c.args.map((a) =>
        a.variadic
          ? `'*:${a.name}:${zshAction(a.kind, a.choices)}'`
          : `':${a.name}:${zshAction(a.kind, a.choices)}'`
      ),
    ];
    return `      (${namesOf(c).join("|")})\n        _arguments -s \\\n          ${
      specs.join(" \\\n          ")
    } ;;`;
  });
  return `#compdef ${p}
${header(tree, "zsh")}# Install: ${p} completion zsh > "\${fpath[1]}/_${p}"  (then start a new shell)

_${p}_snapshots() {
  local -a values
  values=(\${(f)"$(command ${p} __complete snapshots \${words[@]} 2>/dev/null)"})
  values=(\${values//:/\\\\:})
  _describe -t snapshots 'snapshot' values
  _files -/
}

_${p}_names() {
  local -a values
  values=(\${(f)"$(command ${p} __complete names \${words[@]} 2>/dev/null)"})
  _describe -t names 'backup name' values
}

_${p}() {
  local curcontext="$curcontext" state line
  typeset -A opt_args
  _arguments -C \\
    ${tree.options.map(zshOption).join(" \\\n    ")} \\
    '1: :->command' \\
    '*:: :->args'
  case $state in
    command)
      local -a commands
      commands=(
${cmds.join("\n")}
      )
      _describe -t commands '${p} command' commands ;;
    args)
      case $words[1] in
${cases.join("\n")}
      esac ;;
  esac
}

if [ "$funcstack[1]" = "_${p}" ]; then
  _${p} "$@"
else
  compdef _${p} ${p}
fi
`;
}

// ---- fish

function fishScript(tree: CompletionTree): string {
  const p = tree.name;
  const all = tree.commands.flatMap(namesOf).join(" ");
  const valuedFlags = [
    ...new Set(tree.commands.flatMap((c) => c.options.filter((o) => o.takesValue).flatMap((o) => o.flags))),
  ];
  const q = (s: string) => `'${s.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
  const lines: string[] = [
    header(tree, "fish").trimEnd(),
    `# Install: ${p} completion fish > ~/.config/fish/completions/${p}.fish`,
    "",
    `complete -c ${p} -f`,
    `function __${p}_snapshots; command ${p} __complete snapshots (commandline -opc) 2>/dev/null; end`,
    `function __${p}_names; command ${p} __complete names (commandline -opc) 2>/dev/null; end`,
    // After an option that takes a value, only that option's values are offered.
    `function __${p}_after_option; contains -- (commandline -opc)[-1] ${valuedFlags.join(" ")}; end`,
  ];
  const optionLine = (cond: string, o: CompletionOption) => {
    const flags = o.flags.map((f) => f.startsWith("--") ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`).join(" ");
    let value = "";
    if (o.takesValue) {
      // -x: a value is required and no file is offered for it (-F then asks for files where they fit).
      value = " -x";
      if (o.kind === "dir") value += " -a '(__fish_complete_directories)'";
      else if (o.kind === "file") value = " -r -F";
      else if (o.kind === "name") value += ` -a '(__${p}_names)'`;
      else if (o.kind === "choice") value += ` -a ${q((o.choices ?? []).join(" "))}`;
    }
    return `complete -c ${p} -n ${q(cond)} ${flags}${value} -d ${q(o.description.split(" (")[0])}`;
  };
  for (const o of tree.options) lines.push(optionLine(`not __fish_seen_subcommand_from ${all}`, o));
  for (const c of tree.commands) {
    for (const n of namesOf(c)) {
      const cond = `not __fish_seen_subcommand_from ${all}`;
      lines.push(`complete -c ${p} -n ${q(cond)} -a ${n} -d ${q(c.description)}`);
    }
  }
  for (const c of tree.commands) {
    const cond = `__fish_seen_subcommand_from ${namesOf(c).join(" ")}`;
    for (const o of c.options) lines.push(optionLine(cond, o));
    const args = `${cond}; and not __${p}_after_option`;
    const kinds = new Set(c.args.map((a) => a.kind));
    if (kinds.has("snapshot")) lines.push(`complete -c ${p} -n ${q(args)} -a '(__${p}_snapshots)'`);
    if (kinds.has("dir") || kinds.has("snapshot")) {
      lines.push(`complete -c ${p} -n ${q(args)} -a '(__fish_complete_directories)'`);
    }
    for (const a of c.args) {
      if (a.choices?.length) lines.push(`complete -c ${p} -n ${q(args)} -a ${q(a.choices.join(" "))}`);
    }
  }
  return lines.join("\n") + "\n";
}

// ---- PowerShell

function powershellScript(tree: CompletionTree): string {
  const p = tree.name;
  const ps = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const list = (xs: readonly string[]) => `@(${xs.map(ps).join(", ")})`;
  const commandEntries = tree.commands.flatMap((c) =>
    namesOf(c).map((n) => {
      const valued = c.options.filter((o) => o.takesValue).flatMap((o) =>
        o.flags.map((f) => `${ps(f)} = ${ps(kindWord(o.kind, o.choices))}`)
      );
      return `    ${ps(n)} = @{
      options = ${list(c.options.flatMap((o) => o.flags))}
      valued = @{ ${valued.join("; ")} }
      args = ${list(c.args.map((a) => kindWord(a.kind, a.choices)))}
      variadic = $${c.args.some((a) => a.variadic) ? "true" : "false"}
    }`;
    })
  );
  return `${header(tree, "PowerShell")}# Install: ${p} completion powershell >> $PROFILE

Register-ArgumentCompleter -Native -CommandName ${p}, ${p}.exe, ${p}.cmd -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $top = ${list([...tree.commands.flatMap(namesOf), ...tree.options.flatMap((o) => o.flags)])}
  $commands = @{
${commandEntries.join("\n")}
  }
  $words = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -le $cursorPosition } |
    ForEach-Object { $_.ToString() })
  if ($wordToComplete -ne '' -and $words.Count -gt 0) { $words = $words[0..($words.Count - 2)] }
  $cmd = $null; $pos = 0; $prev = $null
  for ($i = 1; $i -lt $words.Count; $i++) {
    $w = $words[$i]
    if (-not $cmd) { if (-not $w.StartsWith('-')) { $cmd = $w }; continue }
    if ($w.StartsWith('-')) {
      if ($commands[$cmd] -and $commands[$cmd].valued.ContainsKey($w) -and $i -lt $words.Count - 1) { $i++ }
    } else { $pos++ }
  }
  if ($words.Count -gt 1) { $prev = $words[$words.Count - 1] }
  $values = @()
  if (-not $cmd) {
    $values = $top
  } else {
    $spec = $commands[$cmd]
    if (-not $spec) { return }
    $kind = $null
    if ($prev -and $spec.valued.ContainsKey($prev)) { $kind = $spec.valued[$prev] }
    elseif ($wordToComplete.StartsWith('-')) { $values = $spec.options }
    elseif ($spec.args.Count -gt 0) {
      $k = [Math]::Min($pos, $spec.args.Count - 1)
      if ($pos -lt $spec.args.Count -or $spec.variadic) { $kind = $spec.args[$k] }
    }
    if ($kind -like 'choice:*') { $values = $kind.Substring(7).Split(' ') }
    elseif ($kind -eq 'snapshot') {
      $values = @(& ${p} __complete snapshots @words 2>$null)
      $values += @(Get-ChildItem -Directory -Path "$wordToComplete*" -ErrorAction SilentlyContinue | ForEach-Object { $_.FullName })
    }
    elseif ($kind -eq 'name') { $values = @(& ${p} __complete names @words 2>$null) }
    elseif ($kind -eq 'dir') {
      $values = @(Get-ChildItem -Directory -Path "$wordToComplete*" -ErrorAction SilentlyContinue | ForEach-Object { $_.FullName })
    }
    elseif ($kind -eq 'file') {
      $values = @(Get-ChildItem -Path "$wordToComplete*" -ErrorAction SilentlyContinue | ForEach-Object { $_.FullName })
    }
  }
  $values | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`;
}
