/**
 * The root lock's settings, as every command that writes a root takes them: `--lock-wait` over
 * LOCK_WAIT, and LOCK_HEARTBEAT and LOCK_STALE from the config (src/store/lock.ts has the rules).
 * @module
 */
import type { Config } from "../config/config.ts";
import { setFromFlag } from "../config/config.ts";
import { parseDurationMs } from "../durations.ts";
import { UsageError } from "../errors.ts";

/** What the lock is given: how long to wait for a held root, and this run's heartbeat and stale threshold. */
export interface LockSettings {
  waitMs: number;
  heartbeatMs: number;
  staleMs: number;
}

/** The help text of `--lock-wait`. */
export const LOCK_WAIT_HELP =
  "wait up to this long for a root another run holds, instead of failing (90s, 10m = 10 minutes, 2h; " +
  "the LOCK_WAIT key)";

/**
 * Applies `--lock-wait` (when given) to the config and returns the lock settings. A stale
 * threshold under three heartbeats is a usage error: a live holder could be taken for a dead one.
 */
export function lockSettings(config: Config, lockWait: string | undefined): LockSettings {
  if (lockWait !== undefined) {
    setFromFlag(config, "LOCK_WAIT", {
      value: parseDurationMs(lockWait, "--lock-wait"),
      flag: "--lock-wait",
    });
  }
  const v = config.values;
  if (v.LOCK_STALE < 3 * v.LOCK_HEARTBEAT) {
    throw new UsageError(
      `LOCK_STALE (${v.LOCK_STALE / 1000} s) must be at least three LOCK_HEARTBEAT intervals ` +
        `(${(3 * v.LOCK_HEARTBEAT) / 1000} s): a live run could be taken for a dead one`,
    );
  }
  return { waitMs: v.LOCK_WAIT, heartbeatMs: v.LOCK_HEARTBEAT, staleMs: v.LOCK_STALE };
}
