/**
 * A backup root on a network filesystem: sshfs to a local sshd (the kernel here has no NFS or CIFS
 * client). Over sshfs a hardlink shows two inode numbers and a link count of 1 on the client, and
 * mtimes come back in whole seconds; flock does nothing across clients. Each test mounts the same
 * server folder as a user's NAS would be mounted, and runs phlb as a user does.
 * @module
 */
import { assert, assertEquals } from "./assert.ts";
import { isolatedHome } from "./fault_helpers.ts";
import { phlb, phlbCommandArgs, sh, withTempDir, writeTree } from "./helpers.ts";
import { mountSshfs, type SshdAccess, type SshfsMount, sshfsTest } from "./sshfs_helpers.ts";

/** A server folder and one client mount of it (several, for several "machines"). */
async function withSshfs(
  sshd: SshdAccess,
  fn: (t: { dir: string; server: string; mounts: SshfsMount[] }) => Promise<void>,
  options: { mounts?: number; mountOptions?: string[] } = {},
): Promise<void> {
  await withTempDir(async (dir) => {
    const server = `${dir}/server`;
    Deno.mkdirSync(server);
    const mounts: SshfsMount[] = [];
    try {
      for (let i = 0; i < (options.mounts ?? 1); i++) {
        mounts.push(
          await mountSshfs(sshd, {
            remote: server,
            mountPoint: `${dir}/mnt${i}`,
            options: options.mountOptions,
          }),
        );
      }
      await fn({ dir, server, mounts });
    } finally {
      for (const m of mounts) await m.unmount();
    }
  });
}

function files(n: number, tag = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < n; i++) out[`d${i % 7}/f${i}.txt`] = `file ${i} ${tag}\n`.repeat(1 + (i % 5));
  return out;
}

/** A source file's mtime with nanoseconds, which SFTP cannot carry. */
async function setNanosecondMtimes(dir: string): Promise<void> {
  const r = await sh(`find '${dir}' -type f -exec touch -m -d '2024-03-01 10:00:00.123456789' {} +`);
  assertEquals(r.code, 0, r.stderr);
}

Deno.test(
  sshfsTest(
    "sshfs root: the second backup links every unchanged file unread; verify and list work; the log says what was detected",
    async (sshd) => {
      await withSshfs(sshd, async ({ dir, server, mounts }) => {
        writeTree(`${dir}/src`, files(120));
        await setNanosecondMtimes(`${dir}/src`);
        const root = `${mounts[0].path}/backups`;
        const first = await phlb(["backup", `${dir}/src`, root, "--json"]);
        assertEquals(first.code, 0, first.stderr);
        assertEquals(JSON.parse(first.stdout).copied, 120);
        // Mounted again, as after a reboot: sshfs numbers inodes anew for each mount.
        await mounts[0].unmount();
        mounts[0] = await mountSshfs(sshd, { remote: server, mountPoint: mounts[0].path });

        const second = await phlb(["backup", `${dir}/src`, root, "--json"]);
        assertEquals(second.code, 0, second.stderr);
        const s = JSON.parse(second.stdout);
        // Not one file read: size, mtime (at SFTP's whole seconds), inode-free identity all match.
        assertEquals([s.unchangedLinked, s.dedupLinked, s.copied, s.errors, s.warnings], [120, 0, 0, 0, 0]);
        // On the server the two snapshots share inodes: real hardlinks, though the client shows 1 link.
        const snaps = [...Deno.readDirSync(`${server}/backups/src`)].filter((e) => e.isDirectory).map((e) =>
          e.name
        ).sort();
        assertEquals(snaps.length, 2);
        const a = Deno.statSync(`${server}/backups/src/${snaps[0]}/d1/f1.txt`);
        const b = Deno.statSync(`${server}/backups/src/${snaps[1]}/d1/f1.txt`);
        assertEquals([a.ino, a.nlink], [b.ino, 2]);
        assertEquals(
          Deno.lstatSync(`${root}/src/${snaps[1]}/d1/f1.txt`).nlink,
          1,
          "sshfs shows no link count",
        );

        const log = Deno.readTextFileSync(`${server}/backups/src/${snaps[1]}.log`);
        for (
          const part of [
            // Named from the mount table through libc; without FFI only "FUSE" is known, which is taken
            // for a network filesystem too.
            "a network filesystem: the index is worked on in a local copy",
            "inode numbers are not recorded",
            "keeps mtimes in steps of 1 s",
            "does not show link counts",
          ]
        ) assert(log.includes(part), `"${part}" not in the log:\n${log}`);
        // The index was written back whole, in rollback mode: nothing beside it, no lock left.
        const meta = [...Deno.readDirSync(`${server}/backups/.phlb`)].map((e) => e.name).sort();
        assertEquals(meta, ["index.sqlite"]);
        const header = Deno.readFileSync(`${server}/backups/.phlb/index.sqlite`).subarray(18, 20);
        assertEquals([...header], [1, 1], "not in rollback-journal mode");

        const verify = await phlb(["verify", "--root", root, "--all"]);
        assertEquals(verify.code, 0, verify.stdout + verify.stderr);
        assert(verify.stdout.includes("OK"), verify.stdout);
        const list = await phlb(["list", "--root", root, "--json"]);
        assertEquals(list.code, 0, list.stderr);
        assertEquals(JSON.parse(list.stdout).names[0].snapshots.length, 2);
        assertEquals(
          (await sh(`cd '${server}/backups/src/${snaps[1]}' && sha256sum -c --quiet '../${snaps[1]}.sha256'`))
            .code,
          0,
        );
      });
    },
  ),
);

Deno.test(
  sshfsTest(
    "sshfs root: a stored copy found damaged by verify is marked (under the root's lock) and the next backup stores the file afresh instead of linking it",
    async (sshd) => {
      await withSshfs(sshd, async ({ dir, server, mounts }) => {
        writeTree(`${dir}/src`, files(20));
        const root = `${mounts[0].path}/backups`;
        assertEquals((await phlb(["backup", `${dir}/src`, root, "-q"])).code, 0);
        const [snap] = [...Deno.readDirSync(`${server}/backups/src`)].filter((e) => e.isDirectory).map((e) =>
          e.name
        );
        // A scrub over sshfs, whose mtimes come back in whole seconds, finds nothing wrong with intact copies.
        const scrub = await phlb(["verify", "--root", root, "--max-duration", "5m", "--json"]);
        assertEquals(scrub.code, 0, scrub.stdout + scrub.stderr);
        assertEquals(JSON.parse(scrub.stdout).problems, 0, scrub.stdout);
        // Bit rot on the NAS: same size and mtime, other bytes.
        const rotten = `${server}/backups/src/${snap}/d2/f2.txt`;
        const st = Deno.statSync(rotten);
        const bytes = Deno.readFileSync(rotten);
        bytes[0] ^= 0x20;
        Deno.writeFileSync(rotten, bytes);
        Deno.utimeSync(rotten, st.atime!, st.mtime!);
        // Mounted again: the marks must hold across mounts, whose inode numbers differ.
        await mounts[0].unmount();
        mounts[0] = await mountSshfs(sshd, { remote: server, mountPoint: mounts[0].path });
        const v = await phlb(["verify", "--root", root, "--all", "--json"]);
        assertEquals(v.code, 4, v.stdout + v.stderr);
        assertEquals(JSON.parse(v.stdout).damagedMarked, 1, v.stdout);
        assertEquals(
          [...Deno.readDirSync(`${server}/backups/.phlb`)].map((e) => e.name).sort(),
          ["index.sqlite"],
          "verify left its lock or a temporary index behind",
        );
        await mounts[0].unmount();
        mounts[0] = await mountSshfs(sshd, { remote: server, mountPoint: mounts[0].path });
        const second = await phlb(["backup", `${dir}/src`, root, "--json"]);
        assertEquals(second.code, 0, second.stderr);
        const s = JSON.parse(second.stdout);
        // The rotten copy was neither linked unread nor linked by content: its file was stored anew.
        assertEquals([s.unchangedLinked, s.copied], [19, 1], second.stdout);
        const snaps = [...Deno.readDirSync(`${server}/backups/src`)].filter((e) => e.isDirectory).map((e) =>
          e.name
        ).sort();
        const fresh = `${server}/backups/src/${snaps[1]}/d2/f2.txt`;
        assert(Deno.statSync(fresh).ino !== st.ino, "the new snapshot links the damaged copy");
        assertEquals(Deno.readTextFileSync(fresh), Deno.readTextFileSync(`${dir}/src/d2/f2.txt`));
      });
    },
  ),
);

Deno.test(
  sshfsTest(
    "sshfs mounted without hardlinks (-o disable_hardlink): backup fails early and says why, nothing copied",
    async (sshd) => {
      await withSshfs(sshd, async ({ dir, server, mounts }) => {
        writeTree(`${dir}/src`, files(10));
        const r = await phlb(["backup", `${dir}/src`, `${mounts[0].path}/backups`]);
        assertEquals(r.code, 1, r.stderr);
        assert(r.stderr.includes("cannot hold hardlinks"), r.stderr);
        assert(r.stderr.includes("hardlink@openssh.com"), r.stderr);
        // Nothing but the (empty) meta folder: no snapshot, no copy of any file.
        assertEquals([...Deno.readDirSync(`${server}/backups`)].map((e) => e.name), [".phlb"]);
      }, { mountOptions: ["disable_hardlink"] });
    },
  ),
);

/** A machine: its own HOME (and config), hostname and sshfs mount. */
interface Machine {
  host: string;
  home: string;
  mount: SshfsMount;
}

/** Starts `phlb ARGS` as `machine` would: its hostname (a UTS namespace), its HOME. */
function startOn(machine: Machine, args: string[]): Deno.ChildProcess {
  const deno = phlbCommandArgs(args).map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  return new Deno.Command("unshare", {
    args: ["--uts", "sh", "-c", `hostname ${machine.host} && exec '${Deno.execPath()}' ${deno}`],
    env: { NO_COLOR: "1", HOME: machine.home },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

async function finish(child: Deno.ChildProcess): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await child.output();
  return {
    code: r.code,
    stdout: new TextDecoder().decode(r.stdout),
    stderr: new TextDecoder().decode(r.stderr),
  };
}

function machine(dir: string, host: string, mount: SshfsMount, ini: string): Machine {
  const home = `${dir}/home-${host}`;
  Deno.mkdirSync(home);
  Deno.writeTextFileSync(`${home}/PyHardLinkBackup.ini`, ini);
  return { host, home, mount };
}

async function waitForFile(path: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      Deno.statSync(path);
      return true;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

/** The lock record, once its holder has written it (it is created empty, then written). */
async function readLockRecord(path: string): Promise<{ pid: number; host: string }> {
  for (let i = 0;; i++) {
    try {
      return JSON.parse(Deno.readTextFileSync(path));
    } catch (err) {
      if (i > 200) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

const canUnshare = Deno.build.os === "linux" &&
  new Deno.Command("unshare", { args: ["--uts", "true"], stdout: "null", stderr: "null" }).outputSync()
    .success;

Deno.test(
  sshfsTest(
    "sshfs root: two machines back up into one root with --lock-wait; both complete and share contents",
    async (sshd) => {
      assert(canUnshare, "unshare --uts is refused here: two hostnames cannot be made");
      await withSshfs(sshd, async ({ dir, server, mounts }) => {
        // Heartbeat 1 s, stale after 8 s: the first run outlives several heartbeats while the second waits.
        const ini = "LOCK_HEARTBEAT = 1s\nLOCK_STALE = 8s\n";
        const a = machine(dir, "machine-a", mounts[0], ini);
        const b = machine(dir, "machine-b", mounts[1], ini);
        const shared = files(250, "shared");
        // And one large file, so the first run holds the root for seconds: long enough for the second
        // to start and wait, however slowly it starts on a loaded machine.
        shared["big.bin"] = "x".repeat(96 << 20);
        writeTree(`${dir}/src-a/docs`, shared);
        writeTree(`${dir}/src-b/docs`, shared);
        // The same files on both machines: same content, mode and mtime, so they are linked.
        await setNanosecondMtimes(`${dir}/src-a`);
        await setNanosecondMtimes(`${dir}/src-b`);
        const first = startOn(a, [
          "backup",
          `${dir}/src-a/docs`,
          `${a.mount.path}/nas`,
          "--name",
          "laptop",
          "--json",
        ]);
        assert(await waitForFile(`${server}/nas/.phlb/lock.owner`, 30_000), "machine a never took the lock");
        const second = startOn(b, [
          "backup",
          `${dir}/src-b/docs`,
          `${b.mount.path}/nas`,
          "--name",
          "desktop",
          "--lock-wait",
          "2m",
          "--json",
        ]);
        const [ra, rb] = [await finish(first), await finish(second)];
        assertEquals(ra.code, 0, ra.stderr);
        assertEquals(rb.code, 0, rb.stderr);
        const sa = JSON.parse(ra.stdout);
        const sb = JSON.parse(rb.stdout);
        // The second machine waited for the first, which it names, and then found every content stored.
        assert(rb.stderr.includes("waiting for the backup root: phlb backup (pid "), rb.stderr);
        assert(rb.stderr.includes(" on machine-a, since "), rb.stderr);
        assertEquals([sa.copied, sa.files], [251, 251]);
        assertEquals([sb.dedupLinked, sb.copied, sb.files], [251, 0, 251]);
        assert(!rb.stderr.includes("took over"), `a live lock was taken over:\n${rb.stderr}`);
        const ia = Deno.statSync(`${server}/nas/laptop/${sa.snapshot}/d3/f3.txt`);
        const ib = Deno.statSync(`${server}/nas/desktop/${sb.snapshot}/d3/f3.txt`);
        assertEquals(ia.ino, ib.ino, "the two machines' snapshots do not share the content");
        // Both recorded in the one index, written back by each in turn.
        const list = await phlb(["list", "--root", `${server}/nas`, "--json"]);
        assertEquals(JSON.parse(list.stdout).names.map((n: { name: string }) => n.name), [
          "desktop",
          "laptop",
        ]);
      }, { mounts: 2 });
    },
  ),
);

Deno.test(
  sshfsTest(
    "sshfs root: a lock holder killed with SIGKILL is taken over once its heartbeat is stale, with a warning naming it",
    async (sshd) => {
      assert(canUnshare, "unshare --uts is refused here: two hostnames cannot be made");
      await withSshfs(sshd, async ({ dir, server, mounts }) => {
        const ini = "LOCK_HEARTBEAT = 500ms\nLOCK_STALE = 3s\n";
        const a = machine(dir, "machine-a", mounts[0], ini);
        const b = machine(dir, "machine-b", mounts[1], ini);
        writeTree(`${dir}/src`, files(200));
        const victim = startOn(a, ["backup", `${dir}/src`, `${a.mount.path}/nas`]);
        assert(await waitForFile(`${server}/nas/.phlb/lock.owner`, 30_000), "machine a never took the lock");
        const holder = await readLockRecord(`${server}/nas/.phlb/lock.owner`);
        assertEquals(holder.host, "machine-a");
        // Killed at once: it never releases the lock, its heartbeat stops.
        victim.kill("SIGKILL");
        const killedAt = Date.now();
        await finish(victim);
        const taker = startOn(b, [
          "backup",
          `${dir}/src`,
          `${b.mount.path}/nas`,
          "--lock-wait",
          "1m",
          "--json",
        ]);
        const r = await finish(taker);
        const waitedMs = Date.now() - killedAt;
        assertEquals(r.code, 0, r.stderr);
        assert(
          r.stderr.includes(`warning: took over the lock of phlb backup (pid ${holder.pid} on machine-a`),
          r.stderr,
        );
        // Not before the record was stale (3 s, less one heartbeat the kill may have come right after).
        assert(waitedMs >= 2500, `taken over after ${waitedMs} ms`);
        const s = JSON.parse(r.stdout);
        assertEquals([s.files, s.errors], [200, 0]);
        const log = Deno.readTextFileSync(`${server}/nas/src/${s.snapshot}.log`);
        assert(log.includes("WARNING took over the lock of phlb backup"), log);
        // The killed run's .partial is gone with the new snapshot complete; the lock record with the run.
        assertEquals(
          [...Deno.readDirSync(`${server}/nas/src`)].filter((e) => e.isDirectory).map((e) => e.name),
          [s.snapshot],
        );
        assert(!(await waitForFile(`${server}/nas/.phlb/lock.owner`, 0)), "the lock record was left");
      }, { mounts: 2 });
    },
  ),
);

// Keep the isolated home of fault_helpers alive for the phlb() children (no real ini is read).
isolatedHome();
