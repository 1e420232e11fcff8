import { assert } from "../../tests/assert.ts";
import { isSymlinkPrivilegeError } from "./classify.ts";

Deno.test("isSymlinkPrivilegeError: Windows' 'privilege not held' (1314), nothing else", () => {
  // The shape of Deno's error on Windows when symlink creation is refused.
  assert(
    isSymlinkPrivilegeError(new Error("A required privilege is not held by the client. (os error 1314)")),
  );
  assert(!isSymlinkPrivilegeError(new Error("Permission denied (os error 13)")));
  assert(!isSymlinkPrivilegeError(new Error("File name too long (os error 36)")));
  assert(!isSymlinkPrivilegeError("os error 1314 without the parentheses"));
});
