/**
 * C errno values turned into errors shaped exactly like the ones Deno's file API throws: the same
 * class (Deno.errors.NotFound, …), the same `code` ("ENOENT") and the same message
 * ("No such file or directory (os error 2): lstat '/a'"). So src/fs/classify.ts and
 * src/fs/link.ts classify native failures with no change.
 * @module
 */

/** errno numbers by name on Linux (x86_64 and aarch64 share them). */
export const LINUX_ERRNO: Readonly<Record<string, number>> = {
  EPERM: 1,
  ENOENT: 2,
  EINTR: 4,
  EIO: 5,
  E2BIG: 7,
  EBADF: 9,
  EAGAIN: 11,
  ENOMEM: 12,
  EACCES: 13,
  EBUSY: 16,
  EEXIST: 17,
  EXDEV: 18,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  EMFILE: 24,
  EFBIG: 27,
  ENOSPC: 28,
  EROFS: 30,
  EMLINK: 31,
  ERANGE: 34,
  ENAMETOOLONG: 36,
  ENOSYS: 38,
  ENOTEMPTY: 39,
  ELOOP: 40,
  ENODATA: 61,
  EOPNOTSUPP: 95,
  EDQUOT: 122,
};

/** errno numbers by name on macOS. */
export const DARWIN_ERRNO: Readonly<Record<string, number>> = {
  EPERM: 1,
  ENOENT: 2,
  EINTR: 4,
  EIO: 5,
  E2BIG: 7,
  EBADF: 9,
  ENOMEM: 12,
  EACCES: 13,
  EBUSY: 16,
  EEXIST: 17,
  EXDEV: 18,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  EMFILE: 24,
  EFBIG: 27,
  ENOSPC: 28,
  EROFS: 30,
  EMLINK: 31,
  ERANGE: 34,
  EAGAIN: 35,
  ENOTSUP: 45,
  ELOOP: 62,
  ENAMETOOLONG: 63,
  ENOTEMPTY: 66,
  EDQUOT: 69,
  ENOSYS: 78,
  ENOATTR: 93,
};

type ErrorClass = new (message: string) => Error;

/** The class Deno uses for an errno name; plain Error for the rest (as Deno does). */
function classFor(code: string | undefined): ErrorClass {
  switch (code) {
    case "ENOENT":
      return Deno.errors.NotFound;
    case "EACCES":
    case "EPERM":
      return Deno.errors.PermissionDenied;
    case "EEXIST":
      return Deno.errors.AlreadyExists;
    case "ENOTDIR":
      return Deno.errors.NotADirectory;
    case "EISDIR":
      return Deno.errors.IsADirectory;
    case "ELOOP":
      return Deno.errors.FilesystemLoop;
    case "EINTR":
      return Deno.errors.Interrupted;
    case "EBUSY":
      return Deno.errors.Busy;
    case "EAGAIN":
      return Deno.errors.WouldBlock;
    case "EINVAL":
      return TypeError;
    default:
      return Error;
  }
}

/** What {@linkcode errnoError} needs besides the number. */
export interface ErrnoDetail {
  /** strerror's text, e.g. "Too many links". */
  text: string;
  /** What was attempted, e.g. `link '/a' -> '/b'`. */
  context: string;
  /** The platform's errno table ({@linkcode LINUX_ERRNO} or {@linkcode DARWIN_ERRNO}). */
  table: Readonly<Record<string, number>>;
}

/** The error Deno would throw for `errno` (class, `code` and message). */
export function errnoError(errno: number, detail: ErrnoDetail): Error {
  let code: string | undefined;
  for (const [name, n] of Object.entries(detail.table)) {
    if (n === errno) {
      code = name;
      break;
    }
  }
  const Cls = classFor(code);
  const err = new Cls(`${detail.text} (os error ${errno}): ${detail.context}`);
  // Deno's own errors carry the errno name as `code`; link.ts looks for "EMLINK" there too.
  if (code !== undefined) Object.defineProperty(err, "code", { value: code, enumerable: true });
  return err;
}
