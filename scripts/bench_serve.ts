/**
 * How long `phlb serve`'s pages take on the route tests' trees (tests/serve_fixture.ts and
 * tests/serve_history_fixture.ts): the dashboard, a file page, and the diff of two versions of a
 * 1 MiB text file. A measurement, not a test: it prints the first request (cold: the figures are
 * computed, the index opened) and the median of the warm ones, in ms. Then the line diff alone of
 * two unrelated 1 MiB texts, the worst case its edit cap bounds.
 *
 *     deno run -A scripts/bench_serve.ts [--rounds=N] [--app=OTHER_CHECKOUT/src/web/app.ts]
 *
 * `--app` measures another checkout's handler on the same trees (its routes that exist), for a
 * before/after comparison.
 * @module
 */
import { makeServeFixture } from "../tests/serve_fixture.ts";
import { makeHistoryFixture } from "../tests/serve_history_fixture.ts";
import { diffLines } from "../src/web/line_diff.ts";

type CreateApp = (o: { root: string; now?: () => number }) => {
  handle(r: Request): Response;
  close(): void;
};

const args = new Map(Deno.args.map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const rounds = Number(args.get("rounds") ?? 30);
const appPath = args.get("app");
const { createApp } =
  (await import(appPath ? new URL(appPath, `file://${Deno.cwd()}/`).href : "../src/web/app.ts")) as {
    createApp: CreateApp;
  };

async function time(app: ReturnType<CreateApp>, path: string): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const r = app.handle(new Request(`http://bench${path}`));
  await r.arrayBuffer();
  return { ms: performance.now() - t0, status: r.status };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const dir = Deno.makeTempDirSync({ prefix: "phlb-bench-serve-" });
try {
  const serve = await makeServeFixture(`${dir}/a`);
  const hist = await makeHistoryFixture(`${dir}/b`);
  const cases: [string, string, string][] = [
    ["serve fixture", "dashboard", "/"],
    ["serve fixture", "file page", `/b/src/${serve.second}/files/docs/report.txt`],
    ["history fixture", "dashboard", "/"],
    ["history fixture", "file page (small diff)", `/b/Documents/${hist.runs[1]}/files/notes/todo.md`],
    ["history fixture", "1 MiB diff, 1% of lines", `/b/Documents/${hist.runs[2]}/files/report/big.txt`],
    ["history fixture", "changes page", `/b/Documents/${hist.runs[2]}/changes`],
  ];
  const apps = new Map([["serve fixture", serve.root], ["history fixture", hist.root]]);
  console.log(`${appPath ?? "this checkout"}: ${rounds} warm rounds per page\n`);
  console.log("tree             page                         status  first ms  median ms  max ms");
  for (const [tree, label, path] of cases) {
    const app = createApp({ root: apps.get(tree)! });
    try {
      const first = await time(app, path);
      const warm: number[] = [];
      for (let i = 0; i < rounds; i++) warm.push((await time(app, path)).ms);
      console.log(
        `${tree.padEnd(16)} ${label.padEnd(28)} ${String(first.status).padStart(6)} ${
          first.ms.toFixed(1).padStart(9)
        } ${median(warm).toFixed(1).padStart(10)} ${Math.max(...warm).toFixed(1).padStart(7)}`,
      );
    } finally {
      app.close();
    }
  }
  const text = (p: string) =>
    Array.from({ length: 16_384 }, (_, i) => `${p} ${(i * 7919) % 16_384}`.padEnd(63, ".")).join("\n") + "\n";
  const [a, b] = [text("one"), text("two")];
  const ms: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    diffLines(a, b);
    ms.push(performance.now() - t0);
  }
  console.log(`\nline diff of two unrelated 1 MiB texts: median ${median(ms).toFixed(1)} ms of 9`);
} finally {
  Deno.removeSync(dir, { recursive: true });
}
