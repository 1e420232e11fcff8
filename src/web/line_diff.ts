/**
 * A line diff of two texts, for `phlb serve`'s file pages: what changed between two versions of a
 * file, as unified hunks with line numbers. Pure: no I/O, no markup (src/web/diff_view.ts renders it).
 *
 * Myers' O(ND) algorithm on interned lines, after the common head and tail are cut off. Its cost
 * grows with the number of edits D, so D is capped per region: past the cap, lines that occur once
 * in each version anchor the two (patience diff, the longest run in order), and the gaps between
 * anchors are diffed again under the cap. A gap that still exceeds it is shown as removed, then
 * added (`coarse`). So a page never stalls on two unrelated 1 MiB texts.
 * @module
 */

/** One line of a hunk. */
export interface DiffLine {
  kind: "same" | "del" | "add";
  text: string;
  /** 1-based line number in the old text (same and del). */
  oldNo?: number;
  /** 1-based line number in the new text (same and add). */
  newNo?: number;
  /** The last line, without a newline at its end. */
  noNewline?: boolean;
}

/** A run of changes with the context around it. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

/** What {@linkcode diffLines} found. */
export interface LineDiff {
  hunks: Hunk[];
  /** Lines only in the new text. */
  added: number;
  /** Lines only in the old text. */
  removed: number;
  /** Some region had too many changes to align line by line: it is shown as removed, then added. */
  coarse: boolean;
}

/** Options for {@linkcode diffLines}. */
export interface LineDiffOptions {
  /** Unchanged lines shown around each change. Default 3; Infinity shows every line. */
  context?: number;
  /** Most edits aligned in one region before it falls back (see the module header). Default 2000. */
  maxEdits?: number;
}

/** The lines of a text; the last one may lack its newline. */
export function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === "") return { lines: [], finalNewline: true };
  const lines = text.split("\n");
  const finalNewline = lines[lines.length - 1] === "";
  if (finalNewline) lines.pop();
  return { lines, finalNewline };
}

const SAME = 0;
const DEL = 1;
const ADD = 2;

/** Edit operations, appended in order: kind, and the line index in the old or new text. */
class Ops {
  kinds: number[] = [];
  at: number[] = [];
  push(kind: number, index: number): void {
    this.kinds.push(kind);
    this.at.push(index);
  }
}

/**
 * Myers' greedy diff of a[aLo, aHi) and b[bLo, bHi) with at most `maxD` edits. Appends the script
 * to `out` and returns true, or returns false (appending nothing) when more edits are needed.
 */
function myers(
  a: Int32Array,
  b: Int32Array,
  range: { aLo: number; aHi: number; bLo: number; bHi: number },
  maxD: number,
  out: Ops,
): boolean {
  const { aLo, bLo } = range;
  const n = range.aHi - aLo;
  const m = range.bHi - bLo;
  const limit = Math.min(n + m, maxD);
  const off = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  // trace[d] holds v[-d..d] after step d (index k + d).
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(off - d, off + d + 1));
        backtrack(trace, { n, m, aLo, bLo }, out);
        return true;
      }
    }
    trace.push(v.slice(off - d, off + d + 1));
  }
  return false;
}

function backtrack(
  trace: Int32Array[],
  r: { n: number; m: number; aLo: number; bLo: number },
  out: Ops,
): void {
  const rev = new Ops();
  let x = r.n;
  let y = r.m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1];
    const at = (k: number) => prev[k + d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      rev.push(SAME, r.aLo + --x);
      y--;
    }
    if (down) rev.push(ADD, r.bLo + --y);
    else rev.push(DEL, r.aLo + --x);
  }
  while (x > 0 && y > 0) {
    rev.push(SAME, r.aLo + --x);
    y--;
  }
  for (let i = rev.kinds.length - 1; i >= 0; i--) out.push(rev.kinds[i], rev.at[i]);
}

/**
 * Index pairs (i in a, j in b) of lines that occur exactly once in each range, the longest run
 * whose j increase with i (patience sorting).
 */
function anchors(
  a: Int32Array,
  b: Int32Array,
  range: { aLo: number; aHi: number; bLo: number; bHi: number },
  ids: number,
): [number, number][] {
  const countA = new Int32Array(ids);
  const countB = new Int32Array(ids);
  const posB = new Int32Array(ids);
  for (let i = range.aLo; i < range.aHi; i++) countA[a[i]]++;
  for (let j = range.bLo; j < range.bHi; j++) {
    countB[b[j]]++;
    posB[b[j]] = j;
  }
  const pairs: [number, number][] = [];
  for (let i = range.aLo; i < range.aHi; i++) {
    const id = a[i];
    if (countA[id] === 1 && countB[id] === 1) pairs.push([i, posB[id]]);
  }
  // Longest increasing subsequence of the j values.
  const tails: number[] = [];
  const back = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < pairs[p][1]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) back[p] = tails[lo - 1];
    tails[lo] = p;
  }
  const out: [number, number][] = [];
  for (let p = tails.length ? tails[tails.length - 1] : -1; p >= 0; p = back[p]) out.push(pairs[p]);
  return out.reverse();
}

function replace(range: { aLo: number; aHi: number; bLo: number; bHi: number }, out: Ops): void {
  for (let i = range.aLo; i < range.aHi; i++) out.push(DEL, i);
  for (let j = range.bLo; j < range.bHi; j++) out.push(ADD, j);
}

/** Interns lines as small integers; a last line without newline is a different line. */
function intern(a: string[], aEol: boolean, b: string[], bEol: boolean) {
  const ids = new Map<string, number>();
  const toIds = (lines: string[], eol: boolean) => {
    const out = new Int32Array(lines.length);
    for (let i = 0; i < lines.length; i++) {
      // NUL cannot occur in the texts compared (they are refused as binary): a safe marker.
      const key = !eol && i === lines.length - 1 ? lines[i] + "\0" : lines[i];
      let id = ids.get(key);
      if (id === undefined) ids.set(key, id = ids.size);
      out[i] = id;
    }
    return out;
  };
  const ai = toIds(a, aEol);
  const bi = toIds(b, bEol);
  return { ai, bi, count: ids.size };
}

/** The line diff of `oldText` and `newText`. */
export function diffLines(oldText: string, newText: string, options: LineDiffOptions = {}): LineDiff {
  const context = options.context ?? 3;
  const maxEdits = options.maxEdits ?? 2000;
  const old = splitLines(oldText);
  const neu = splitLines(newText);
  const { ai: a, bi: b, count } = intern(old.lines, old.finalNewline, neu.lines, neu.finalNewline);
  const ops = new Ops();
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) ops.push(SAME, head++);
  let tail = 0;
  while (
    tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  const middle = { aLo: head, aHi: a.length - tail, bLo: head, bHi: b.length - tail };
  let coarse = false;
  if (!myers(a, b, middle, maxEdits, ops)) {
    let i = middle.aLo;
    let j = middle.bLo;
    for (const [ai, bj] of [...anchors(a, b, middle, count), [middle.aHi, middle.bHi]]) {
      const gap = { aLo: i, aHi: ai, bLo: j, bHi: bj };
      if (!myers(a, b, gap, maxEdits, ops)) {
        replace(gap, ops);
        coarse = true;
      }
      if (ai < middle.aHi) ops.push(SAME, ai);
      i = ai + 1;
      j = bj + 1;
    }
  }
  for (let t = tail; t > 0; t--) ops.push(SAME, a.length - t);
  return toHunks(ops, { old, neu, context, coarse });
}

function toHunks(
  ops: Ops,
  o: {
    old: { lines: string[]; finalNewline: boolean };
    neu: { lines: string[]; finalNewline: boolean };
    context: number;
    coarse: boolean;
  },
): LineDiff {
  const { kinds, at } = ops;
  // Line numbers of every op: a SAME op's new index follows from the ops before it.
  const oldNo = new Int32Array(kinds.length);
  const newNo = new Int32Array(kinds.length);
  let x = 0;
  let y = 0;
  let added = 0;
  let removed = 0;
  for (let p = 0; p < kinds.length; p++) {
    if (kinds[p] === SAME) {
      oldNo[p] = ++x;
      newNo[p] = ++y;
    } else if (kinds[p] === DEL) {
      oldNo[p] = ++x;
      newNo[p] = y;
      removed++;
    } else {
      oldNo[p] = x;
      newNo[p] = ++y;
      added++;
    }
  }
  const hunks: Hunk[] = [];
  let p = 0;
  while (p < kinds.length) {
    if (kinds[p] === SAME) {
      p++;
      continue;
    }
    const start = Math.max(0, p - o.context);
    let end = p;
    // Extend while the next change is within two contexts of the last one.
    for (;;) {
      while (end < kinds.length && kinds[end] !== SAME) end++;
      let next = end;
      while (next < kinds.length && kinds[next] === SAME) next++;
      if (next < kinds.length && next - end <= 2 * o.context) end = next;
      else break;
    }
    const stop = Math.min(kinds.length, end + o.context);
    const lines: DiffLine[] = [];
    for (let q = start; q < stop; q++) {
      const kind = kinds[q];
      if (kind === ADD) {
        const i = at[q];
        lines.push({
          kind: "add",
          text: o.neu.lines[i],
          newNo: newNo[q],
          noNewline: !o.neu.finalNewline && i === o.neu.lines.length - 1 || undefined,
        });
      } else {
        const i = at[q];
        lines.push({
          kind: kind === SAME ? "same" : "del",
          text: o.old.lines[i],
          oldNo: oldNo[q],
          newNo: kind === SAME ? newNo[q] : undefined,
          noNewline: !o.old.finalNewline && i === o.old.lines.length - 1 || undefined,
        });
      }
    }
    // A side with no line in the hunk starts at the line before it, as in `diff -u`.
    const olds = lines.filter((l) => l.oldNo !== undefined);
    const news = lines.filter((l) => l.newNo !== undefined);
    hunks.push({
      oldStart: olds[0]?.oldNo ?? oldNo[start],
      oldLines: olds.length,
      newStart: news[0]?.newNo ?? newNo[start],
      newLines: news.length,
      lines,
    });
    p = stop;
  }
  return { hunks, added, removed, coarse: o.coarse };
}
