import { assertEquals } from "../../tests/assert.ts";
import { quoteWindows } from "../report/shell_quote.ts";
import { restoreLine } from "./restore_line.ts";

Deno.test("restoreLine names the root and NAME@ID/PATH, or the snapshot's path when the name holds @", () => {
  assertEquals(
    restoreLine({
      root: "/media/usb/backups",
      name: "src",
      snapId: "2026-01-03-100000",
      rel: "docs/my report.txt",
      target: "restored",
      windows: false,
    }),
    "phlb restore --root /media/usb/backups 'src@2026-01-03-100000/docs/my report.txt' restored",
  );
  assertEquals(
    restoreLine({
      root: "/b/",
      name: "me@host",
      snapId: "id",
      rel: "a.txt",
      target: "restored",
      windows: false,
    }),
    "phlb restore /b/me@host/id/a.txt restored",
  );
  assertEquals(
    restoreLine({
      root: "D:\\backups",
      name: "src",
      snapId: "id",
      rel: "a b.txt",
      target: "restored",
      windows: true,
    }),
    `phlb restore --root "D:\\backups" "src@id/a b.txt" restored`,
  );
  assertEquals(quoteWindows("C:\\Program Files"), `"C:\\Program Files"`);
});
