/**
 * Extended attributes of one entry: reading them with their digest (the part of the linking
 * identity), and writing them onto a new copy or folder. Never onto an existing inode: the caller
 * only passes entries it has just created. No policy: failures are returned, not reported.
 * @module
 */
import { errorMessage } from "../errors.ts";
import { type Msg, msg } from "../i18n/messages.ts";
import { hexToBytes } from "./hash.ts";
import { displayName, type FsBackend, type Handle, type Xattr, xattrDigest } from "./native/mod.ts";
import { isRoot } from "./platform.ts";

/**
 * On Linux a process that is not root may read `security.*` (SELinux labels, on every file of such
 * a system) and `system.*` names it can never set: only `user.*` is copied then, as rsync -X does.
 * Root copies every namespace. macOS has no namespaces.
 */
let userNamespaceOnly: boolean | undefined;

function copiable(name: string): boolean {
  userNamespaceOnly ??= Deno.build.os === "linux" && !isRoot();
  return !userNamespaceOnly || name.startsWith("user.");
}

/** An entry's xattrs and their digest (null when it has none). */
export interface XattrSet {
  list: Xattr[];
  digest: Uint8Array | null;
}

/** The digest as the index stores it: null for none, else the sha256 bytes. */
export function digestOf(list: readonly Xattr[]): Uint8Array | null {
  return list.length === 0 ? null : hexToBytes(xattrDigest(list));
}

/**
 * The xattrs of `path` (never following a symlink) that a copy can get, sorted by name. None
 * without xattr support. Any that cannot be read are left out: the digest then describes what a
 * copy would get.
 */
export function sourceXattrs(fs: FsBackend, path: string): XattrSet {
  if (!fs.fidelity.xattrs) return { list: [], digest: null };
  let list: Xattr[];
  try {
    list = fs.readXattrs(path).filter((x) => copiable(x.name));
  } catch {
    list = [];
  }
  return { list, digest: digestOf(list) };
}

/**
 * Sets each xattr of `list` on `path`, which the caller has just created (on the open `handle`,
 * when given: backend.ts HandleCalls). Returns the digest of
 * those that were set and one message per xattr that could not be (the destination refuses its
 * namespace, no permission): `failures` in English, `texts` the same as catalogue texts.
 */
export function writeXattrs(
  path: string,
  options: { backend: FsBackend; list: readonly Xattr[]; handle?: Handle },
): { digest: Uint8Array | null; failures: string[]; texts: Msg[] } {
  const fs = options.backend;
  const set: Xattr[] = [];
  const texts: Msg[] = [];
  for (const x of options.list) {
    try {
      if (options.handle) fs.handles.setXattr(options.handle, x);
      else fs.setXattr(path, x);
      set.push(x);
    } catch (err) {
      texts.push(msg("fs.xattr.cannotSet", { name: displayName(x.name), error: errorMessage(err) }));
    }
  }
  return { digest: digestOf(set), failures: texts.map(String), texts };
}
