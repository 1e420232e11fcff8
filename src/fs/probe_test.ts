import { assertEquals } from "../../tests/assert.ts";
import { withTempDir } from "../../tests/helpers.ts";
import { openBackend } from "./native/mod.ts";
import { probeDestination, probeTimeGranularity, timeGranularityOf } from "./probe.ts";

Deno.test("timeGranularityOf: the step that turns the probe's time into what the filesystem kept", () => {
  const cases: Array<[number, number, number | undefined]> = [
    [1_600_000_001, 987_654_321, 1], // ext4, XFS, btrfs
    [1_600_000_001, 987_654_300, 100], // SMB, NTFS
    [1_600_000_001, 987_654_000, 1000], // a server with microseconds
    [1_600_000_001, 987_000_000, 1_000_000], // the Deno API
    [1_600_000_001, 0, 1e9], // SFTP, truncated
    [1_600_000_002, 0, 1e9], // SFTP, rounded
    [1_600_000_000, 0, 2e9], // FAT
    [1_700_000_000, 0, undefined], // not kept at all
  ];
  for (const [sec, nsec, step] of cases) {
    assertEquals(timeGranularityOf({ sec, nsec }), step, `${sec}.${nsec}`);
  }
});

Deno.test("probeDestination on this machine's temp folder: one inode for both names, link counts, the backend's time step; nothing left", async () => {
  await withTempDir((t) => {
    for (const prefer of ["auto", "deno"] as const) {
      const fs = openBackend({ prefer });
      try {
        const p = probeDestination(t, { backend: fs });
        assertEquals([p.inodesStable, p.linkCountsShown, p.timesKept], [true, true, true]);
        const own = fs.fidelity.nanosecondTimes ? 1 : 1_000_000;
        // tmpfs and ext4 keep nanoseconds: the step is what the backend sees.
        assertEquals(p.timeGranularityNs, own, prefer);
        assertEquals(probeTimeGranularity(t, { backend: fs }), own);
      } finally {
        fs.close();
      }
    }
    assertEquals([...Deno.readDirSync(t)], []);
  });
});
