/**
 * Finds user-facing text in src/ that bypasses the catalogue (src/i18n/): the check behind
 * tests/i18n_catalog_test.ts, and a tool: `deno run --allow-read scripts/i18n_scan.ts [PATH…]`
 * prints each finding as `file:line: "text"` (default: src/ and main.ts).
 *
 * How it decides (docs/translating.md says the same):
 * 1. It reads each `.ts` file under the paths (not `_test.ts`) as tokens: string literals, template
 *    literals (with their `${…}` read as code again), comments and code. Comments never count.
 * 2. A literal is **shown text** when it is an argument of a sink call (anywhere inside the call's
 *    parentheses, also nested in arrays, objects and other calls), or the value of a text property:
 *    - writers: `out`, `err`, `update` (the progress line), `writeOut`, `writeErr`;
 *    - errors: `FatalError`, `UsageError`, `InvalidArgumentError`, `InterruptedError`;
 *    - core reports: `notice`, `onNotice`, `onInfo`, `warn`, `problem`, `itemProblem`;
 *    - commander: `description`, `summary`, `option`, `requiredOption`, `Option`, `argument`,
 *      `Argument`, `addHelpText`, `helpOption`, `helpCommand`, `version`, `showHelpAfterError`,
 *      `helpAfter`, `exitCodesHelp`;
 *    - summary rows: `formatFields`, `fields.push`, `rows.push`;
 *    - properties: `message:`, `hint:`, `title:`, `note:`, `label:`, `heading:`, `placeholder:`;
 *    - in `html` tagged templates (src/web): the text between tags, and the `title`, `alt`,
 *      `placeholder` and `aria-label` attributes.
 *    A literal that is an argument of `t`, `msg`, `en` is a catalogue key, never text. A literal
 *    compared (`=== "dry-run"`) is code, and so is an item problem's severity (`"error"`,
 *    `"warning"`, `"damage"` after `severity:` or as an argument of `itemProblem`). A call may be
 *    optional (`onNotice?.(…)`); a declaration (`function notice(…)`) is no call.
 * 3. Shown text **bypasses** the catalogue when, after dropping `${…}`, flags (`-x`, `--name`),
 *    ALL_CAPS names (ini keys, environment variables), paths and file names (with `/`, `\` or a
 *    dot inside or in front), argument names (`<path>`, `[name]`), `phlb`, a command line that starts
 *    with `phlb ` and commander's `after`/`before`, it still holds a word of three or more letters.
 * 4. A line with the comment `i18n-ignore` (or the line above it) is skipped: say why beside it.
 * @module
 */
import { join, relative } from "node:path";

/** One literal that shows text without the catalogue. */
export interface Finding {
  file: string;
  line: number;
  text: string;
}

const SINK_CALLS = new Set([
  "out",
  "err",
  "update",
  "writeOut",
  "writeErr",
  "FatalError",
  "UsageError",
  "InvalidArgumentError",
  "InterruptedError",
  "notice",
  "onNotice",
  "onInfo",
  "warn",
  "problem",
  "itemProblem",
  "description",
  "summary",
  "option",
  "requiredOption",
  "Option",
  "argument",
  "Argument",
  "addHelpText",
  "helpOption",
  "helpCommand",
  "version",
  "showHelpAfterError",
  "helpAfter",
  "exitCodesHelp",
  "formatFields",
]);
/** `x.push(` counts only for these receivers. */
const SINK_PUSH_RECEIVERS = new Set(["fields", "rows"]);
const KEY_CALLS = new Set(["t", "msg", "en"]);
/** Calls whose literal arguments are code, not text, even inside a sink (`styles("stdout")`). */
const CODE_CALLS = new Set([
  "styles",
  "stringify",
  "padStart",
  "padEnd",
  "join",
  "split",
  "replace",
  "replaceAll",
  "includes",
  "startsWith",
  "endsWith",
  "get",
  "has",
  "test",
  "RegExp",
  "encode",
  "decode",
  "toLocaleString",
]);
const TEXT_PROPERTY = /(?:^|[^\w$.])(message|hint|title|note|label|heading|placeholder)\s*:\s*$/;
/** A literal after these is an operand of a comparison: code. */
const COMPARED = /(?:===?|!==?)\s*$/;
/** A severity after `severity:` (also in a ternary there) or in a `severity ===` comparison. */
const SEVERITY_AT = /\bseverity\s*(?::|===?|!==?)[^,;{}]*$/;
const SEVERITIES = new Set(["error", "warning", "damage"]);
const HTML_TEXT_ATTRIBUTES = /\b(?:title|alt|placeholder|aria-label)\s*=\s*"([^"]*)"/g;

/** Whether static text still holds a word once the technical tokens are dropped (rule 3). */
export function holdsWords(text: string): boolean {
  if (/^\s*phlb\s/.test(text)) return false;
  // commander's positions of a help text.
  if (/^(after|before|afterAll|beforeAll)$/.test(text)) return false;
  const rest = text
    .replace(/&[a-z]+;|&#\d+;/g, " ")
    .split(/\s+/)
    .filter((token) => {
      const w = token.replace(/^[("'`“„«\[{]+|[)"'`”“»\]},;:!?.]+$/g, "");
      if (w === "" || w === "phlb") return false;
      if (/^-/.test(w)) return false;
      if (/^[<\[][\w.-]+[>\]]$/.test(token)) return false;
      if (/^[A-Z0-9_]+$/.test(w) && /[A-Z]/.test(w) && w.length > 1) return false;
      if (/[\/\\]/.test(w) || /^\./.test(w) || /\w\.\w/.test(w)) return false;
      return true;
    })
    .join(" ");
  return /[A-Za-z\u00C0-\u024F]{3,}/.test(rest);
}

interface Frame {
  /** The called name for a `(` frame; "" for brackets, braces and calls of no interest. */
  name: string;
  sink: boolean;
  key: boolean;
}

/** Scans one file's text; `file` is only for the findings. */
export function scanSource(source: string, file: string): Finding[] {
  const findings: Finding[] = [];
  const lines = source.split("\n");
  const lineAt = (pos: number) => source.slice(0, pos).split("\n").length;
  const ignored = (line: number) =>
    (lines[line - 1] ?? "").includes("i18n-ignore") || (lines[line - 2] ?? "").includes("i18n-ignore");
  const report = (pos: number, text: string) => {
    const line = lineAt(pos);
    if (!ignored(line)) findings.push({ file, line, text: text.trim().slice(0, 100) });
  };
  scanCode(source, 0, source.length, [], { report, source });
  return findings;
}

interface Ctx {
  source: string;
  report(pos: number, text: string): void;
}

function isShown(stack: Frame[], before: string, literal = ""): boolean {
  const inner = [...stack].reverse().find((f) => f.name !== "");
  if (inner?.key || (inner && CODE_CALLS.has(inner.name))) return false;
  if (COMPARED.test(before)) return false;
  if (SEVERITIES.has(literal) && (inner?.name === "itemProblem" || SEVERITY_AT.test(before))) return false;
  if (TEXT_PROPERTY.test(before)) return true;
  return stack.some((f) => f.sink);
}

/** Reads code from `start` to `end` (a `${…}` body or the whole file), calling `report` for bypasses. */
function scanCode(src: string, start: number, end: number, outer: Frame[], ctx: Ctx): void {
  const stack: Frame[] = [...outer];
  const base = outer.length;
  let i = start;
  let lastCode = start;
  const prevSignificant = (pos: number): string => {
    let j = pos - 1;
    while (j >= start && /\s/.test(src[j])) j--;
    return j >= start ? src[j] : "";
  };
  while (i < end) {
    const c = src[i];
    if (c === "/" && src[i + 1] === "/") {
      const nl = src.indexOf("\n", i);
      i = nl < 0 ? end : nl;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const close = src.indexOf("*/", i + 2);
      i = close < 0 ? end : close + 2;
      continue;
    }
    if (c === "/") {
      const p = prevSignificant(i);
      const word = /(?:return|typeof|case|in|of)\s*$/.test(src.slice(Math.max(start, i - 8), i));
      if (p === "" || "(,=:[!&|?{};+-*%<>~^".includes(p) || word) {
        // A regular expression literal: skip it, classes and escapes included.
        let j = i + 1;
        let inClass = false;
        while (j < end && src[j] !== "\n") {
          if (src[j] === "\\") j += 2;
          else if (src[j] === "[") (inClass = true, j++);
          else if (src[j] === "]") (inClass = false, j++);
          else if (src[j] === "/" && !inClass) break;
          else j++;
        }
        i = j + 1;
        continue;
      }
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let text = "";
      while (j < end && src[j] !== c && src[j] !== "\n") {
        if (src[j] === "\\") {
          text += src[j + 1] === "n" ? "\n" : src[j + 1];
          j += 2;
        } else text += src[j++];
      }
      const before = src.slice(Math.max(0, i - 40), i);
      if (isShown(stack, before, text) && holdsWords(text)) ctx.report(i, text);
      i = j + 1;
      lastCode = i;
      continue;
    }
    if (c === "`") {
      const tagged = /\bhtml\s*$/.test(src.slice(Math.max(0, i - 8), i));
      const before = src.slice(Math.max(0, i - 40), i);
      const shown = isShown(stack, before);
      let j = i + 1;
      let staticText = "";
      const parts: { pos: number; text: string }[] = [];
      let partStart = j;
      while (j < end && src[j] !== "`") {
        if (src[j] === "\\") {
          staticText += src[j + 1] === "n" ? "\n" : src[j + 1];
          j += 2;
        } else if (src[j] === "$" && src[j + 1] === "{") {
          parts.push({ pos: partStart, text: staticText });
          staticText += " ";
          const close = matchBrace(src, j + 1, end);
          scanCode(src, j + 2, close, stack, ctx);
          j = close + 1;
          partStart = j;
        } else staticText += src[j++];
      }
      parts.push({ pos: partStart, text: staticText });
      if (tagged) {
        for (const piece of htmlTexts(staticText)) {
          if (holdsWords(piece)) ctx.report(i, piece);
        }
      } else if (shown && holdsWords(staticText)) ctx.report(i, staticText);
      i = j + 1;
      lastCode = i;
      continue;
    }
    if (c === "(") {
      const m = /([A-Za-z_$][\w$]*)\s*(?:\?\.)?\s*(?:<[^()]*>)?\s*$/.exec(
        src.slice(Math.max(lastCode - 200, 0, i - 200), i),
      );
      // `function name(` declares, it does not call: its parameter types are no text.
      const declared = /\bfunction\s*\*?\s*[A-Za-z_$][\w$]*\s*(?:<[^()]*>)?\s*$/.test(
        src.slice(Math.max(0, i - 80), i),
      );
      const name = declared ? "" : m?.[1] ?? "";
      const receiver = /([A-Za-z_$][\w$]*)\s*\.\s*push\s*$/.exec(src.slice(Math.max(0, i - 60), i))?.[1];
      const sink = SINK_CALLS.has(name) ||
        (name === "push" && receiver !== undefined && SINK_PUSH_RECEIVERS.has(receiver));
      stack.push({ name: name === "" ? "(" : name, sink, key: KEY_CALLS.has(name) });
      i++;
      continue;
    }
    if (c === "[" || c === "{") {
      stack.push({ name: "", sink: false, key: false });
      i++;
      continue;
    }
    if (c === ")" || c === "]" || c === "}") {
      if (stack.length > base) stack.pop();
      i++;
      continue;
    }
    i++;
  }
}

/** The index of the `}` closing the `{` at `open`, over nested literals. */
function matchBrace(src: string, open: number, end: number): number {
  let depth = 0;
  let i = open;
  while (i < end) {
    const c = src[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < end && src[i] !== c) i += src[i] === "\\" ? 2 : 1;
    } else if (c === "`") {
      i++;
      while (i < end && src[i] !== "`") {
        if (src[i] === "\\") i += 2;
        else if (src[i] === "$" && src[i + 1] === "{") i = matchBrace(src, i + 1, end) + 1;
        else i++;
      }
    } else if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  return end;
}

/** The shown pieces of an html template's static text: text nodes and text attributes. */
function htmlTexts(staticText: string): string[] {
  const pieces: string[] = [];
  for (const m of staticText.matchAll(HTML_TEXT_ATTRIBUTES)) pieces.push(m[1]);
  const withoutStyle = staticText.replace(/<(style|script)\b[\s\S]*?<\/\1>/g, " ");
  for (const node of withoutStyle.replace(/<[^>]*>/g, "\u0000").split("\u0000")) {
    if (node.trim() !== "") pieces.push(node);
  }
  return pieces;
}

function* tsFiles(path: string): Generator<string> {
  const info = Deno.statSync(path);
  if (info.isFile) {
    if (path.endsWith(".ts") && !path.endsWith("_test.ts")) yield path;
    return;
  }
  for (const e of [...Deno.readDirSync(path)].sort((a, b) => a.name.localeCompare(b.name))) {
    yield* tsFiles(join(path, e.name));
  }
}

/** Every bypass under `paths` (files or folders), relative to `base`. */
export function scanPaths(paths: readonly string[], base = Deno.cwd()): Finding[] {
  const findings: Finding[] = [];
  for (const p of paths) {
    for (const file of tsFiles(p)) {
      findings.push(...scanSource(Deno.readTextFileSync(file), relative(base, file)));
    }
  }
  return findings;
}

if (import.meta.main) {
  const paths = Deno.args.length > 0 ? Deno.args : ["src", "main.ts"];
  const findings = scanPaths(paths);
  for (const f of findings) console.log(`${f.file}:${f.line}: ${JSON.stringify(f.text)}`);
  console.log(`${findings.length} texts bypass the catalogue`);
}
