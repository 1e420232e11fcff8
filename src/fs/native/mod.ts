/**
 * The entry point of the metadata layer: {@linkcode openBackend} picks the native backend (libc
 * through FFI: nanosecond times, xattrs, exact byte names) when FFI is permitted and the C library
 * loads, and the Deno-API backend otherwise, and says in one line which fidelity the run has.
 *
 * Nothing outside src/fs/ may depend on which backend is active: callers use {@linkcode FsBackend}
 * and, where behaviour must differ (e.g. whether the index can hold nanoseconds), its `fidelity`.
 * @module
 */
import { newSha256 } from "../hash.ts";
import type { FsBackend } from "./backend.ts";
import { DenoBackend } from "./backend_deno.ts";
import { NativeBackend } from "./backend_native.ts";
import { openLinuxLibc } from "./libc_linux.ts";
import { openMacosLibc } from "./libc_macos.ts";
import { encodeName } from "./names.ts";
import type { NativeLibc, Xattr } from "./types.ts";

export type {
  BackendFile,
  Fidelity,
  FolderCalls,
  FolderName,
  FsBackend,
  Handle,
  HandleCalls,
  HandleName,
  SetTimesOptions,
  SymlinkOptions,
} from "./backend.ts";
export type { DirEntry, FileStat, FileTimes, FileType, RawDirEntry, Xattr } from "./types.ts";
export { splitNs, timeMs, timeNs } from "./types.ts";
export {
  cString,
  decodeName,
  displayName,
  encodeName,
  encodeNameInto,
  hasRawBytes,
  nameFromIndex,
  nameToIndex,
} from "./names.ts";
export { DenoBackend } from "./backend_deno.ts";
export { NativeBackend } from "./backend_native.ts";

/** Options for {@linkcode openBackend}. */
export interface OpenBackendOptions {
  /**
   * "auto" (default): native when possible, else the Deno API. "deno": always the Deno API.
   * "native": the native backend or an error saying why not (for tests and benchmarks).
   */
  prefer?: "auto" | "native" | "deno";
}

function loadLibc(): NativeLibc {
  return Deno.build.os === "darwin" ? openMacosLibc() : openLinuxLibc();
}

/**
 * Why the native backend cannot be used in this process, or undefined when it can. Never prompts:
 * FFI is only tried when the permission is already granted.
 */
export function nativeUnavailableReason(): string | undefined {
  if (Deno.build.os !== "linux" && Deno.build.os !== "darwin") {
    return `no native bindings for ${Deno.build.os}`;
  }
  if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") return "--allow-ffi not granted";
  try {
    loadLibc().close();
    return undefined;
  } catch (err) {
    return `cannot load the C library: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Opens the best available backend; its `summary` is the one line for the run log. */
export function openBackend(options: OpenBackendOptions = {}): FsBackend {
  const prefer = options.prefer ?? "auto";
  if (prefer === "deno") return new DenoBackend({ reason: "requested" });
  if (Deno.build.os !== "linux" && Deno.build.os !== "darwin") {
    if (prefer === "native") throw new Error(`no native bindings for ${Deno.build.os}`);
    return new DenoBackend();
  }
  // querySync never prompts; dlopen without the permission would prompt on a terminal.
  if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") {
    if (prefer === "native") throw new Error("the native backend needs --allow-ffi");
    return new DenoBackend({ reason: "no --allow-ffi" });
  }
  try {
    return new NativeBackend(loadLibc());
  } catch (err) {
    if (prefer === "native") throw err;
    const why = err instanceof Error ? err.message : String(err);
    return new DenoBackend({ reason: `C library not usable: ${why}` });
  }
}

/**
 * Runs `job` with a backend opened for it (once per run: everything the job touches is reached
 * with one fidelity), and closes the backend after, however the job ends.
 */
export async function withBackend<T>(
  job: (fs: FsBackend) => Promise<T>,
  options: OpenBackendOptions = {},
): Promise<T> {
  const fs = openBackend(options);
  try {
    return await job(fs);
  } finally {
    fs.close();
  }
}

/**
 * A digest of an entry's xattrs for the linking identity: "" when it has none, else the sha256 hex
 * of each (name, value) in name order. Two inodes may share a link only when this is equal.
 */
export function xattrDigest(xattrs: readonly Xattr[]): string {
  if (xattrs.length === 0) return "";
  const h = newSha256();
  const sorted = [...xattrs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const len = new Uint8Array(4);
  const lenView = new DataView(len.buffer);
  for (const x of sorted) {
    const name = encodeName(x.name);
    lenView.setUint32(0, name.length);
    h.update(len);
    h.update(name);
    lenView.setUint32(0, x.value.length);
    h.update(len);
    h.update(x.value);
  }
  return h.digest("hex");
}
