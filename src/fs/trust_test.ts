import { assertEquals } from "../../tests/assert.ts";
import { openToOthers } from "./trust.ts";

const self = { uid: 1000 };

Deno.test("openToOthers: another owner, a group other than root's or everyone with write; sticky as asked", () => {
  const cases: [{ uid: number; gid: number; mode: number }, boolean | undefined, string | undefined][] = [
    [{ uid: 1000, gid: 1000, mode: 0o40755 }, undefined, undefined],
    [{ uid: 0, gid: 0, mode: 0o40755 }, undefined, undefined],
    [{ uid: 0, gid: 0, mode: 0o40775 }, undefined, undefined],
    [{ uid: 4321, gid: 4321, mode: 0o40700 }, undefined, "it belongs to uid 4321"],
    [{ uid: 0, gid: 50, mode: 0o40775 }, undefined, "group 50 can write to it"],
    [{ uid: 0, gid: 0, mode: 0o40777 }, undefined, "every user can write to it"],
    [{ uid: 0, gid: 0, mode: 0o41777 }, undefined, undefined],
    [{ uid: 0, gid: 0, mode: 0o41777 }, false, "every user can write to it"],
  ];
  for (const [info, sticky, why] of cases) {
    assertEquals(
      openToOthers(info, { self, sticky }),
      why,
      `${info.uid}:${info.gid} ${info.mode.toString(8)}`,
    );
  }
  // No owners to judge (Windows through Deno): nothing to say.
  assertEquals(openToOthers({ uid: null, gid: null, mode: null }, { self }), undefined);
});
