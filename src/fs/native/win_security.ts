/**
 * Windows security facts through FFI (advapi32, kernel32): whether this process runs elevated (as
 * Administrator), its user's SID, and a folder's owner and DACL, as SID strings and access masks.
 * phlb has no native file layer on Windows, so a restore there works by path; these facts let it
 * tell whether another user could change a folder on the way (src/fs/trust.ts decides).
 *
 * Read-only calls only. Everything here throws when the calls fail; `openWindowsSecurity` returns
 * undefined where it cannot work (not Windows, no --allow-ffi).
 * @module
 */

const ADVAPI = {
  OpenProcessToken: { parameters: ["pointer", "u32", "buffer"], result: "i32" },
  GetTokenInformation: { parameters: ["pointer", "u32", "buffer", "u32", "buffer"], result: "i32" },
  GetNamedSecurityInfoW: {
    parameters: ["buffer", "u32", "u32", "buffer", "buffer", "buffer", "buffer", "buffer"],
    result: "u32",
  },
} as const satisfies Deno.ForeignLibraryInterface;

const KERNEL = {
  GetCurrentProcess: { parameters: [], result: "pointer" },
  GetLastError: { parameters: [], result: "u32" },
  LocalFree: { parameters: ["pointer"], result: "pointer" },
  CloseHandle: { parameters: ["pointer"], result: "i32" },
} as const satisfies Deno.ForeignLibraryInterface;

const TOKEN_QUERY = 0x8;
const TOKEN_USER = 1;
const TOKEN_ELEVATION = 20;
const SE_FILE_OBJECT = 1;
const OWNER_SECURITY_INFORMATION = 0x1;
const DACL_SECURITY_INFORMATION = 0x4;

/** One entry of a DACL. */
export interface Ace {
  /** 0 allow, 1 deny; other types (object, callback) as their number. */
  type: number;
  /** ACE flags: 0x1 object inherit, 0x2 container inherit, 0x8 inherit only, 0x10 inherited. */
  flags: number;
  /** The access mask. */
  mask: number;
  /** The trustee, e.g. "S-1-5-32-544". */
  sid: string;
}

/** A folder's owner and DACL. A null DACL (everyone may do everything) is `aces: undefined`. */
export interface FolderAcl {
  owner: string;
  aces: Ace[] | undefined;
}

/** The facts, with the libraries open; close when done. */
export interface WindowsSecurity {
  /** The token is elevated: an Administrator past UAC, or UAC off. */
  readonly elevated: boolean;
  /** This process's user. */
  readonly userSid: string;
  /** The owner and DACL of `path`. */
  folderAcl(path: string): FolderAcl;
  close(): void;
}

/** The SID at `p` as its string form, S-R-A-S1-S2…. */
function sidAt(p: Deno.PointerObject): string {
  const v = new Deno.UnsafePointerView(p);
  const count = v.getUint8(1);
  let authority = 0;
  for (let i = 0; i < 6; i++) authority = authority * 256 + v.getUint8(2 + i);
  let s = `S-${v.getUint8(0)}-${authority}`;
  for (let i = 0; i < count; i++) s += `-${v.getUint32(8 + 4 * i)}`;
  return s;
}

function wide(s: string): Uint8Array {
  const out = new Uint16Array(s.length + 1);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return new Uint8Array(out.buffer);
}

function pointerIn(cell: BigUint64Array): Deno.PointerValue {
  return Deno.UnsafePointer.create(cell[0]);
}

/**
 * Opens the calls, or returns undefined where they cannot be made (not Windows, FFI not granted, a
 * library missing). Never prompts.
 */
export function openWindowsSecurity(): WindowsSecurity | undefined {
  if (Deno.build.os !== "windows") return undefined;
  if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") return undefined;
  let adv: Deno.DynamicLibrary<typeof ADVAPI>;
  let k32: Deno.DynamicLibrary<typeof KERNEL>;
  try {
    adv = Deno.dlopen("advapi32.dll", ADVAPI);
    k32 = Deno.dlopen("kernel32.dll", KERNEL);
  } catch {
    return undefined;
  }
  const fail = (what: string) => new Error(`${what} failed (Windows error ${k32.symbols.GetLastError()})`);
  const tokenCell = new BigUint64Array(1);
  if (
    !adv.symbols.OpenProcessToken(
      k32.symbols.GetCurrentProcess(),
      TOKEN_QUERY,
      new Uint8Array(tokenCell.buffer),
    )
  ) {
    const err = fail("OpenProcessToken");
    adv.close();
    k32.close();
    throw err;
  }
  const token = pointerIn(tokenCell);
  let elevated: boolean;
  let userSid: string;
  try {
    const length = new Uint32Array(1);
    const elevation = new Uint32Array(1);
    const lengthBytes = new Uint8Array(length.buffer);
    if (
      !adv.symbols.GetTokenInformation(
        token,
        TOKEN_ELEVATION,
        new Uint8Array(elevation.buffer),
        4,
        lengthBytes,
      )
    ) {
      throw fail("GetTokenInformation(TokenElevation)");
    }
    elevated = elevation[0] !== 0;
    // TOKEN_USER: a pointer to the SID (into the same buffer), then its attributes.
    const user = new BigUint64Array(64);
    if (!adv.symbols.GetTokenInformation(token, TOKEN_USER, new Uint8Array(user.buffer), 512, lengthBytes)) {
      throw fail("GetTokenInformation(TokenUser)");
    }
    userSid = sidAt(pointerIn(user)!);
  } catch (err) {
    k32.symbols.CloseHandle(token);
    adv.close();
    k32.close();
    throw err;
  }
  k32.symbols.CloseHandle(token);
  return {
    elevated,
    userSid,
    folderAcl(path: string): FolderAcl {
      const owner = new BigUint64Array(1);
      const dacl = new BigUint64Array(1);
      const sd = new BigUint64Array(1);
      const rc = adv.symbols.GetNamedSecurityInfoW(
        wide(path),
        SE_FILE_OBJECT,
        OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
        new Uint8Array(owner.buffer),
        null,
        new Uint8Array(dacl.buffer),
        null,
        new Uint8Array(sd.buffer),
      );
      if (rc !== 0) throw new Error(`cannot read the security of "${path}" (Windows error ${rc})`);
      try {
        const daclPtr = pointerIn(dacl);
        let aces: Ace[] | undefined;
        if (daclPtr) {
          // ACL (little-endian, as the machine): u8 revision, u8 pad, u16 size, u16 ace count, u16 pad;
          // then each ACE: u8 type,
          // u8 flags, u16 size, u32 mask, and (for the allow and deny types) the SID.
          const view = new Deno.UnsafePointerView(daclPtr);
          const count = view.getUint16(4);
          aces = [];
          let off = 8;
          for (let i = 0; i < count; i++) {
            const type = view.getUint8(off);
            const size = view.getUint16(off + 2);
            aces.push({
              type,
              flags: view.getUint8(off + 1),
              mask: view.getUint32(off + 4),
              sid: type <= 1 ? sidAt(Deno.UnsafePointer.offset(daclPtr, off + 8)!) : "",
            });
            off += size;
          }
        }
        return { owner: sidAt(pointerIn(owner)!), aces };
      } finally {
        k32.symbols.LocalFree(pointerIn(sd));
      }
    },
    close() {
      adv.close();
      k32.close();
    },
  };
}
