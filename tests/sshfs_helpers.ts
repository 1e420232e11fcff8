/**
 * sshfs to a local sshd, for the tests of a backup root on a network filesystem. `.ci/sshd.sh`
 * starts the sshd (and installs it where it can); `.ci/run` sources it, which sets
 * PHLB_SSHFS_EXPECTED=1: there a missing sshfs fails the tests instead of skipping them.
 * @module
 */
import { fileURLToPath } from "node:url";
import { NO_FFI, sh } from "./helpers.ts";

/** How to reach the local sshd. */
export interface SshdAccess {
  port: string;
  key: string;
  user: string;
}

const SCRIPT = fileURLToPath(new URL("../.ci/sshd.sh", import.meta.url));

/** True when CI said sshfs must work here (`.ci/run` sources `.ci/sshd.sh`). */
export const SSHFS_EXPECTED: boolean = Deno.env.get("PHLB_SSHFS_EXPECTED") === "1";

function findSshd(): SshdAccess | string {
  if (Deno.build.os !== "linux") return `sshfs tests are Linux-only (${Deno.build.os})`;
  const env = (k: string) => Deno.env.get(k);
  if (env("PHLB_SSHFS_PORT") && env("PHLB_SSHFS_KEY")) {
    return {
      port: env("PHLB_SSHFS_PORT")!,
      key: env("PHLB_SSHFS_KEY")!,
      user: env("PHLB_SSHFS_USER") ?? "root",
    };
  }
  // Run alone (not under .ci/run): start the sshd the same way, without installing anything.
  let out;
  try {
    out = new Deno.Command("bash", {
      args: [SCRIPT],
      env: { PHLB_SSHD_NO_INSTALL: "1" },
      stdout: "piped",
      stderr: "piped",
    })
      .outputSync();
  } catch (err) {
    return `cannot run .ci/sshd.sh: ${(err as Error).message}`;
  }
  if (!out.success) {
    const why = new TextDecoder().decode(out.stderr).trim().split("\n").pop() ?? "";
    return `no local sshd with sshfs (.ci/sshd.sh: ${why || `exit ${out.code}`})`;
  }
  const vars = Object.fromEntries(
    new TextDecoder().decode(out.stdout).trim().split("\n").map((l) => l.split("=", 2) as [string, string]),
  );
  if (!vars.PHLB_SSHFS_PORT || !vars.PHLB_SSHFS_KEY) return "`.ci/sshd.sh` printed no port and key";
  return { port: vars.PHLB_SSHFS_PORT, key: vars.PHLB_SSHFS_KEY, user: vars.PHLB_SSHFS_USER ?? "root" };
}

/** The local sshd, or why there is none (found once, when the test file loads). */
export const SSHD: SshdAccess | string = findSshd();

/**
 * Options for an sshfs test: ignored, with the reason in its name, where there is no sshd; but
 * under `.ci/run` (PHLB_SSHFS_EXPECTED) it runs and fails, so a skip cannot hide in CI.
 */
export function sshfsTest(name: string, fn: (sshd: SshdAccess) => Promise<void>): Deno.TestDefinition {
  if (NO_FFI) {
    // Without the native layer phlb cannot read the mount table (/proc/self/mountinfo), so an sshfs
    // root is a FUSE filesystem of unknown type: taken for a network root with unstable inodes and
    // NTFS's link limit (safe, but not what these tests check).
    const why = "sshfs is told apart from other FUSE mounts through the native layer only";
    console.log(`ignored without FFI: "${name}": ${why}`);
    return { name, ignore: true, fn: () => {} };
  }
  if (typeof SSHD !== "string") return { name, fn: () => fn(SSHD as SshdAccess) };
  if (SSHFS_EXPECTED && Deno.build.os === "linux") {
    const why = SSHD;
    return {
      name,
      fn: () => {
        throw new Error(`sshfs is expected here (PHLB_SSHFS_EXPECTED=1), but: ${why}`);
      },
    };
  }
  return { name: `${name} [skipped: ${SSHD}]`, ignore: true, fn: () => {} };
}

/** A mounted sshfs folder. */
export interface SshfsMount {
  /** The mount point. */
  path: string;
  unmount(): Promise<void>;
}

/**
 * Mounts `remote` (a local folder, reached through the sshd as a server folder) at `mountPoint`
 * with sshfs. `options` are extra `-o` options (e.g. `disable_hardlink`).
 */
export async function mountSshfs(
  sshd: SshdAccess,
  at: { remote: string; mountPoint: string; options?: string[] },
): Promise<SshfsMount> {
  Deno.mkdirSync(at.mountPoint, { recursive: true });
  const o = [
    `IdentityFile=${sshd.key}`,
    "StrictHostKeyChecking=no",
    "UserKnownHostsFile=/dev/null",
    "BatchMode=yes",
    "LogLevel=ERROR",
    ...(at.options ?? []),
  ].join(",");
  const r = await sh(
    `sshfs -p ${sshd.port} -o '${o}' '${sshd.user}@127.0.0.1:${at.remote}' '${at.mountPoint}'`,
  );
  if (r.code !== 0) throw new Error(`sshfs mount failed: ${r.stderr.trim()}`);
  return {
    path: at.mountPoint,
    unmount: async () => {
      for (let i = 0; i < 20; i++) {
        if (
          (await sh(`fusermount -u '${at.mountPoint}' 2>/dev/null || umount '${at.mountPoint}'`)).code === 0
        ) {
          return;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      await sh(`umount -l '${at.mountPoint}'`);
    },
  };
}
