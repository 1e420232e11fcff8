import { assertEquals } from "../../tests/assert.ts";
import { openToOthers, windowsOpenToOthers } from "./trust.ts";

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

Deno.test("windowsOpenToOthers: the owner and who may rename, replace or (into) write, as Windows' usual folders have them", () => {
  const me = "S-1-5-21-1-2-3-1001";
  const FA = 0x1f01ff;
  const M = 0x1301bf;
  const RX = 0x1200a9;
  const AD = 0x4;
  const ace = (sid: string, mask: number, flags = 0) => ({ type: 0, flags, mask, sid });
  const admins = [ace("S-1-5-18", FA, 0x13), ace("S-1-5-32-544", FA, 0x13)];
  const cases: [
    string,
    { owner: string; aces: ReturnType<typeof ace>[] | undefined },
    boolean,
    string | undefined,
  ][] = [
    ["a profile's temp folder", { owner: me, aces: [...admins, ace(me, FA, 0x13)] }, true, undefined],
    // C:\ lets Users and Authenticated Users add folders, and gives the latter Modify on what is made in it.
    [
      "C:\\ passed through",
      {
        owner: "S-1-5-18",
        aces: [
          ...admins,
          ace("S-1-5-32-545", RX),
          ace("S-1-5-32-545", AD, 0x2),
          ace("S-1-5-11", AD),
          ace("S-1-5-11", M, 0xb),
        ],
      },
      false,
      undefined,
    ],
    [
      "C:\\ written into",
      { owner: "S-1-5-18", aces: [...admins, ace("S-1-5-32-545", RX), ace("S-1-5-32-545", AD, 0x2)] },
      true,
      "Users (S-1-5-32-545) may write to it (access mask 0x4)",
    ],
    [
      "a folder made in C:\\",
      { owner: "S-1-5-32-544", aces: [...admins, ace("S-1-5-11", M, 0x10)] },
      false,
      "Authenticated Users (S-1-5-11) may rename or replace what is in it (access mask 0x1301bf)",
    ],
    [
      "what is made in it is others'",
      { owner: me, aces: [...admins, ace("S-1-5-11", M, 0xb)] },
      true,
      "Authenticated Users (S-1-5-11) may change what is made in it (access mask 0x1301bf)",
    ],
    [
      "another user's folder",
      { owner: "S-1-5-21-1-2-3-1002", aces: admins },
      false,
      "it belongs to S-1-5-21-1-2-3-1002",
    ],
    ["a null DACL", { owner: me, aces: undefined }, false, "it has no access list: everyone may change it"],
    [
      "CREATOR OWNER on what is made",
      { owner: me, aces: [...admins, ace("S-1-3-0", FA, 0xb)] },
      true,
      undefined,
    ],
  ];
  for (const [what, acl, into, why] of cases) {
    assertEquals(windowsOpenToOthers(acl, { userSid: me, into }), why, what);
  }
});
