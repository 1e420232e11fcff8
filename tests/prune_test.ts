import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { phlb, phlbCommandArgs, sh, snapshots, testSkippedOn, withTempDir, writeTree } from "./helpers.ts";
import { duFileBytes, q, treeState } from "./manage_helpers.ts";
import { runBackup } from "../src/backup/engine.ts";

// Ignored where they cannot apply, with the reason printed.
const test = testSkippedOn("windows", "measures and fingerprints with GNU du, find and sha256sum");

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 13 + seed * 101) & 0xff;
  return out;
}

/** Five daily snapshots; each day one file changes and one new file appears, the rest stays linked. */
async function fiveDays(t: string): Promise<{ src: string; root: string }> {
  const src = `${t}/src`;
  const root = `${t}/root`;
  writeTree(src, { "stable.bin": bytes(50_000, 0), "changing.bin": bytes(10_000, 1) });
  for (let day = 1; day <= 5; day++) {
    Deno.writeFileSync(`${src}/changing.bin`, bytes(10_000 + day * 1000, day));
    writeTree(src, { [`day${day}.bin`]: bytes(2_000 * day, 100 + day) });
    await runBackup({ source: src, root, name: "src", now: new Date(2025, 5, day, 12) });
  }
  return { src, root };
}

test("prune --dry-run lists every snapshot with its rules and the bytes, and changes nothing", async () => {
  await withTempDir(async (t) => {
    const { root } = await fiveDays(t);
    // A read-only SQLite open may leave its -wal/-shm files beside the index (and so touch the
    // .phlb folder's mtime): Deno refuses the immutable URI under phlb's permissions. They are SQLite's own.
    const ignore = /^\.phlb(\/index\.sqlite-(wal|shm))?$/;
    const before = await treeState(root, { ignore });
    const r = await phlb(["prune", "--root", root, "--keep-last", "2", "--keep-within", "1d", "--dry-run"]);
    assertEquals(r.code, 0, r.stderr);
    assertEquals(await treeState(root, { ignore }), before);
    const ids = snapshots(root, "src");
    const lines = r.stdout.split("\n");
    const line = (id: string) => lines.find((l) => l.includes(id)) ?? "";
    for (const id of ids.slice(0, 3)) assertIncludes(line(id), "remove");
    assertIncludes(line(ids[3]), "keep");
    assertIncludes(line(ids[3]), "last snapshot");
    assertIncludes(line(ids[4]), "within 1 day, last snapshot");
    assertIncludes(r.stdout, "Dry run: nothing was removed.");
    const json = await phlb(["prune", "--root", root, "--keep-last", "2", "--dry-run", "--json"]);
    const plan = JSON.parse(json.stdout);
    assertEquals(plan.items.map((i: { action: string }) => i.action), [
      "remove",
      "remove",
      "remove",
      "keep",
      "keep",
    ]);
    assert(plan.bytesFreed > 0);
    assertIncludes(r.stdout, `(${plan.bytesFreed} bytes`);
    assertEquals(await treeState(root, { ignore }), before);
  });
});

test("prune: the bytes freed equal the measured drop in du, and the rest stays intact", async () => {
  await withTempDir(async (t) => {
    const { root } = await fiveDays(t);
    const ids = snapshots(root, "src");
    const before = await duFileBytes(root);
    const r = await phlb(["prune", "--root", root, "--keep-last", "1", "--keep-daily", "1", "--json"]);
    assertEquals(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout);
    const after = await duFileBytes(root);
    // days 1-4's versions of changing.bin are freed; stable.bin and dayN.bin live on in day 5.
    assertEquals(result.bytesFreed, 11_000 + 12_000 + 13_000 + 14_000);
    assertEquals(before - after, result.bytesFreed);
    assertEquals(snapshots(root, "src"), [ids[4]]);
    const left = [...Deno.readDirSync(`${root}/src`)].map((e) => e.name).sort();
    assertEquals(left, [ids[4], `${ids[4]}.log`, `${ids[4]}.sha256`, `${ids[4]}.summary.json`]);
    const check = await sh(`cd ${q(`${root}/src/${ids[4]}`)} && sha256sum -c --quiet ../${ids[4]}.sha256`);
    assertEquals(check.code, 0, check.stdout + check.stderr);
  });
});

test("prune killed while it deletes leaves only a .deleting folder, and the next prune finishes it", async () => {
  await withTempDir(async (t) => {
    const src = `${t}/src`;
    const root = `${t}/root`;
    // Enough files that removing them takes a while; the second snapshot holds almost nothing.
    for (let d = 0; d < 20; d++) {
      Deno.mkdirSync(`${src}/d${d}`, { recursive: true });
      for (let f = 0; f < 400; f++) Deno.writeTextFileSync(`${src}/d${d}/f${f}`, `${d}/${f}`);
    }
    await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, 1) });
    for (let d = 1; d < 20; d++) Deno.removeSync(`${src}/d${d}`, { recursive: true });
    await runBackup({ source: src, root, name: "src", now: new Date(2025, 0, 2) });
    const [old, kept] = snapshots(root, "src");

    const child = new Deno.Command(Deno.execPath(), {
      args: phlbCommandArgs(["prune", "--root", root, "--keep-last", "1"]),
      stdout: "null",
      stderr: "null",
      env: { NO_COLOR: "1" },
    }).spawn();
    const deleting = `${root}/src/${old}.deleting`;
    const deadline = Date.now() + 30_000;
    let seen = false;
    while (Date.now() < deadline) {
      try {
        Deno.lstatSync(deleting);
        seen = true;
        break;
      } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 1));
    }
    child.kill("SIGKILL");
    const status = await child.status;
    assert(seen, "the prune never renamed the snapshot to .deleting");
    assertEquals(status.signal, "SIGKILL", "the prune finished before it could be killed: use more files");
    // Nothing that looks like a snapshot is left of it: only the .deleting folder.
    assert(Deno.lstatSync(deleting).isDirectory);
    assertEquals(snapshots(root, "src"), [kept]);
    const listed = JSON.parse((await phlb(["list", "--root", root, "--json"])).stdout);
    assertEquals(listed.names[0].snapshots.map((s: { status: string }) => s.status), [
      "deleting",
      "complete",
    ]);

    const again = await phlb(["prune", "--root", root, "--keep-last", "1"]);
    assertEquals(again.code, 0, again.stderr);
    assertIncludes(again.stdout, "left by an interrupted prune");
    const left = [...Deno.readDirSync(`${root}/src`)].map((e) => e.name).sort();
    assertEquals(left, [kept, `${kept}.log`, `${kept}.sha256`, `${kept}.summary.json`]);
    const after = JSON.parse((await phlb(["list", "--root", root, "--json"])).stdout);
    assertEquals(after.names[0].snapshots.length, 1);
    assertEquals(after.total.onDiskBytes, await duFileBytes(root));
  });
});

Deno.test("prune: partials of dead runs older than the newest complete go; the lock is taken; no rule is a usage error", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    writeTree(`${t}/src`, { "a": "a" });
    await runBackup({ source: `${t}/src`, root, name: "src", now: new Date(2025, 0, 2) });
    Deno.mkdirSync(`${root}/src/2025-01-01-000000.partial`);
    Deno.writeTextFileSync(`${root}/src/2025-01-01-000000.partial.sha256`, "");
    Deno.mkdirSync(`${root}/src/2025-01-03-000000.partial`);
    const usage = await phlb(["prune", "--root", root]);
    assertEquals(usage.code, 2);
    // Another process holding the lock blocks prune.
    const holder = new Deno.Command("flock", {
      args: ["--no-fork", `${root}/.phlb/lock`, "sleep", "30"],
      stdout: "null",
      stderr: "null",
    }).spawn();
    try {
      let busy;
      for (let i = 0; i < 50; i++) {
        busy = await phlb(["prune", "--root", root, "--keep-last", "1"]);
        if (busy.code !== 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assertEquals(busy!.code, 1);
      assertIncludes(busy!.stderr, "in use");
    } finally {
      holder.kill("SIGKILL");
      await holder.status;
    }
    const r = await phlb(["prune", "--root", root, "--keep-last", "1"]);
    assertEquals(r.code, 0, r.stderr);
    const left = [...Deno.readDirSync(`${root}/src`)].map((e) => e.name).sort();
    assertEquals(left.filter((n) => n.includes("partial")), ["2025-01-03-000000.partial"]);
  });
});

test("prune: the KEEP_* keys of the config are the rules when no --keep flag is given; flags replace them", async () => {
  await withTempDir(async (t) => {
    const { root } = await fiveDays(t);
    const ids = snapshots(root, "src");
    // The ini in the working folder; BACKUP_PATH relative to it, as on a USB stick.
    const ini = `${t}/PyHardLinkBackup.ini`;
    Deno.writeTextFileSync(ini, "BACKUP_PATH = root\nKEEP_LAST = 2\nKEEP_DAILY = 3\n");
    const plan = await phlb(["prune", "--dry-run", "--json"], { cwd: t });
    assertEquals(plan.code, 0, plan.stderr);
    const actions = (out: string) => JSON.parse(out).items.map((i: { action: string }) => i.action);
    assertEquals(actions(plan.stdout), ["remove", "remove", "keep", "keep", "keep"]);
    // Any flag replaces the config's rules as a whole (KEEP_DAILY no longer counts).
    const flags = await phlb(["prune", "--dry-run", "--json", "--keep-last", "1"], { cwd: t });
    assertEquals(actions(flags.stdout), ["remove", "remove", "remove", "remove", "keep"]);
    // Even a flag that keeps nothing: the ini's rules do not come back, and no rule is left.
    const zero = await phlb(["prune", "--dry-run", "--json", "--keep-last", "0"], { cwd: t });
    assertEquals(zero.code, 2, zero.stdout);
    assertIncludes(zero.stderr, "give at least one keep rule");
    // A bad value names the file, the line and the key, and nothing is removed.
    Deno.writeTextFileSync(ini, "BACKUP_PATH = root\nKEEP_DAILY = lots\n");
    const bad = await phlb(["prune"], { cwd: t });
    assertEquals(bad.code, 1);
    assertIncludes(bad.stderr, `${ini}:2: KEEP_DAILY: "lots" is not a whole number`);
    assertEquals(snapshots(root, "src"), ids);
    // Without rules anywhere, it is a usage error that names both ways to give them.
    Deno.writeTextFileSync(ini, "BACKUP_PATH = root\n");
    const none = await phlb(["prune"], { cwd: t });
    assertEquals(none.code, 2);
    assertIncludes(none.stderr, "KEEP_DAILY");
    // And the rules do apply for real.
    Deno.writeTextFileSync(ini, "BACKUP_PATH = root\nKEEP_LAST = 2\n");
    const real = await phlb(["prune"], { cwd: t });
    assertEquals(real.code, 0, real.stderr);
    assertEquals(snapshots(root, "src"), ids.slice(3));
  });
});

test("prune and list order snapshots by their summary's start when a DST change repeats the hour", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    writeTree(`${t}/src`, { f: "x" });
    await runBackup({ source: `${t}/src`, root, name: "src", now: new Date(2025, 0, 1, 12) });
    const made = "2025-01-01-120000";
    const dir = `${root}/src`;
    // In Berlin the clock went from 03:00 CEST back to 02:00 CET on 2026-10-25: 02:30 CEST was taken
    // first (00:30 UTC), 02:10 CET 40 minutes later (01:10 UTC), and its name sorts first.
    const summary = JSON.parse(Deno.readTextFileSync(`${dir}/${made}.summary.json`));
    for (const [id, startedAt] of [["2026-10-25-023000", "00:30"], ["2026-10-25-021000", "01:10"]]) {
      await sh(`cp -al '${dir}/${made}' '${dir}/${id}' && cp '${dir}/${made}.sha256' '${dir}/${id}.sha256'`);
      summary.startedAt = `2026-10-25T${startedAt}:00.000Z`;
      Deno.writeTextFileSync(`${dir}/${id}.summary.json`, JSON.stringify(summary));
    }
    const env = { TZ: "Europe/Berlin" };
    const plan = await phlb(["prune", "--root", root, "--keep-last", "1", "--dry-run", "--json"], { env });
    assertEquals(plan.code, 0, plan.stderr);
    const items = JSON.parse(plan.stdout).items.map((i: { id: string; action: string }) => [i.id, i.action]);
    assertEquals(items, [[made, "remove"], ["2026-10-25-023000", "remove"], ["2026-10-25-021000", "keep"]]);
    const list = JSON.parse((await phlb(["list", "--root", root, "--json"], { env })).stdout);
    assertEquals(list.names[0].snapshots.map((s: { id: string }) => s.id).at(-1), "2026-10-25-021000");
    // A summary that does not belong to its folder's id (renamed by hand) is not trusted: in UTC
    // neither start formats to its id, so the names decide.
    const utc = await phlb(["prune", "--root", root, "--keep-last", "1", "--dry-run", "--json"], {
      env: { TZ: "UTC" },
    });
    assertEquals(JSON.parse(utc.stdout).items.at(-1).id, "2026-10-25-023000");
  });
});

test("runs made in different time zones are ordered by when they ran: @latest and --keep-last pick the newest", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    writeTree(`${t}/src`, { f: "v1" });
    const tokyo = await phlb(["backup", `${t}/src`, root, "--json"], { env: { TZ: "Asia/Tokyo" } });
    assertEquals(tokyo.code, 0, tokyo.stderr);
    Deno.writeTextFileSync(`${t}/src/f`, "v2");
    // Nine hours earlier by its name, but run after the Tokyo one.
    const utc = await phlb(["backup", `${t}/src`, root, "--json"], { env: { TZ: "UTC" } });
    assertEquals(utc.code, 0, utc.stderr);
    const newest = JSON.parse(utc.stdout).snapshot;
    assert(newest < JSON.parse(tokyo.stdout).snapshot, "the later run's name sorts first");
    for (const TZ of ["UTC", "Asia/Tokyo", "America/New_York"]) {
      const plan = await phlb(["prune", "--root", root, "--keep-last", "1", "--dry-run", "--json"], {
        env: { TZ },
      });
      const kept = JSON.parse(plan.stdout).items.filter((i: { action: string }) => i.action === "keep");
      assertEquals(kept.map((i: { id: string }) => i.id), [newest], TZ);
      const r = await phlb(["restore", "src@latest", `${t}/out-${TZ.replace("/", "-")}`, "--root", root], {
        env: { TZ },
      });
      assertEquals(r.code, 0, r.stderr);
      assertEquals(Deno.readTextFileSync(`${t}/out-${TZ.replace("/", "-")}/f`), "v2", TZ);
    }
  });
});

test("prune's periods are the wall-clock days the names say, in whatever time zone prune runs", async () => {
  await withTempDir(async (t) => {
    const root = `${t}/root`;
    writeTree(`${t}/src`, { f: "x" });
    const first = await runBackup({ source: `${t}/src`, root, name: "src", now: new Date(2025, 0, 1, 12) });
    const dir = `${root}/src`;
    // Four runs of a Berlin (UTC+1) machine: the name is local time, startedAt UTC.
    const summary = JSON.parse(Deno.readTextFileSync(`${dir}/${first.snapshot}.summary.json`));
    const runs = [
      ["2026-11-25-233000", "2026-11-25T22:30:00.000Z"],
      ["2026-11-26-003000", "2026-11-25T23:30:00.000Z"],
      ["2026-11-26-233000", "2026-11-26T22:30:00.000Z"],
      ["2026-11-27-003000", "2026-11-26T23:30:00.000Z"],
    ];
    for (const [id, startedAt] of runs) {
      await sh(
        `cp -al '${dir}/${first.snapshot}' '${dir}/${id}' && cp '${dir}/${first.snapshot}.sha256' '${dir}/${id}.sha256'`,
      );
      Deno.writeTextFileSync(
        `${dir}/${id}.summary.json`,
        JSON.stringify({ ...summary, snapshot: id, startedAt }),
      );
    }
    await sh(`rm -rf '${dir}/${first.snapshot}'*`);
    const plans: string[] = [];
    for (const TZ of ["Europe/Berlin", "America/New_York", "Asia/Tokyo"]) {
      const r = await phlb(["prune", "--root", root, "--keep-daily", "10", "--dry-run", "--json"], {
        env: { TZ },
      });
      assertEquals(r.code, 0, r.stderr);
      plans.push(
        JSON.stringify(
          JSON.parse(r.stdout).items.map((i: { id: string; action: string }) => [i.id, i.action]),
        ),
      );
    }
    // Days 25, 26 and 27 by name: the newest of each is kept (the 26th's 23:30, not its 00:30).
    const want = JSON.stringify([
      ["2026-11-25-233000", "keep"],
      ["2026-11-26-003000", "remove"],
      ["2026-11-26-233000", "keep"],
      ["2026-11-27-003000", "keep"],
    ]);
    assertEquals(plans, [want, want, want]);
  });
});
