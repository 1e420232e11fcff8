/**
 * The root lock's settings, as every command that writes a root takes them: `--lock-wait` over
 * LOCK_WAIT, and LOCK_HEARTBEAT and LOCK_STALE from the config (src/store/lock.ts has the rules).
 * @module
 */
import type { Config } from "../config/config.ts";
import { setFromFlag } from "../config/config.ts";
import { parseDurationMs } from "../durations.ts";
import { UsageError } from "../errors.ts";
import { msg, t } from "../i18n/messages.ts";

/** What the lock is given: how long to wait for a held root, and this run's heartbeat and stale threshold. */
export interface LockSettings {
  waitMs: number;
  heartbeatMs: number;
  staleMs: number;
}

/** The help text of `--lock-wait`, in the run's language. */
export function lockWaitHelp(): string {
  return t("cli.lock.waitHelp");
}

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
      msg("cli.lock.staleTooShort", { stale: v.LOCK_STALE / 1000, min: (3 * v.LOCK_HEARTBEAT) / 1000 }),
    );
  }
  return { waitMs: v.LOCK_WAIT, heartbeatMs: v.LOCK_HEARTBEAT, staleMs: v.LOCK_STALE };
}
