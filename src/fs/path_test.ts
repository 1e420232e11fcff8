import { assertEquals } from "../../tests/assert.ts";
import {
  absolutePath,
  baseName,
  isAbsolutePath,
  joinPath,
  relativeInside,
  stripLongPathPrefix,
} from "./path.ts";

const win = { windows: true };
const posix = { windows: false };

Deno.test("joinPath: POSIX and Windows separators, roots, long-path prefixes", () => {
  assertEquals(joinPath("/a/b", "c/d.txt", posix), "/a/b/c/d.txt");
  assertEquals(joinPath("/", "etc", posix), "/etc");
  assertEquals(joinPath("/a", "", posix), "/a");
  assertEquals(joinPath("C:\\Users\\me", "Docs/a.txt", win), "C:\\Users\\me\\Docs\\a.txt");
  assertEquals(joinPath("C:\\", "Docs/a.txt", win), "C:\\Docs\\a.txt");
  assertEquals(joinPath("C:/Users/", "x", win), "C:/Users/x");
  assertEquals(joinPath("\\\\server\\share", "a/b", win), "\\\\server\\share\\a\\b");
  // In a \\?\ path "/" is not a separator: the tail must use "\".
  assertEquals(joinPath("\\\\?\\C:\\very\\long", "a/b/c", win), "\\\\?\\C:\\very\\long\\a\\b\\c");
});

Deno.test("baseName: names, filesystem roots, drive roots, UNC shares", () => {
  assertEquals(baseName("/home/me/Documents", posix), "Documents");
  assertEquals(baseName("/home/me/Documents/", posix), "Documents");
  assertEquals(baseName("/", posix), "");
  assertEquals(baseName("a\\b", posix), "a\\b", "a backslash is part of a POSIX name");
  assertEquals(baseName("C:\\Users\\me\\Documents", win), "Documents");
  assertEquals(baseName("C:/Users/me/Documents/", win), "Documents");
  assertEquals(baseName("C:\\", win), "");
  assertEquals(baseName("C:", win), "");
  assertEquals(baseName("C:Documents", win), "Documents");
  assertEquals(baseName("\\\\?\\C:\\", win), "");
  assertEquals(baseName("\\\\?\\C:\\Users\\me", win), "me");
  assertEquals(baseName("\\\\server\\share", win), "share");
  assertEquals(baseName("\\\\server\\share\\Photos\\", win), "Photos");
});

Deno.test("isAbsolutePath and absolutePath: drive, UNC, rooted, drive-relative and relative forms", () => {
  assertEquals(isAbsolutePath("/x", posix), true);
  assertEquals(isAbsolutePath("x/y", posix), false);
  assertEquals(isAbsolutePath("C:\\x", posix), false);
  for (const p of ["C:\\x", "c:/x", "\\\\server\\share\\x", "\\\\?\\C:\\x", "//server/share"]) {
    assertEquals(isAbsolutePath(p, win), true, p);
  }
  for (const p of ["x", "\\x", "C:x", "..\\x"]) assertEquals(isAbsolutePath(p, win), false, p);

  assertEquals(absolutePath("src", { cwd: "/home/me", ...posix }), "/home/me/src");
  assertEquals(absolutePath("/src", { cwd: "/home/me", ...posix }), "/src");
  const cwd = "D:\\work";
  assertEquals(absolutePath("src", { cwd, ...win }), "D:\\work\\src");
  assertEquals(absolutePath("a/b", { cwd, ...win }), "D:\\work\\a\\b");
  assertEquals(absolutePath("C:\\data", { cwd, ...win }), "C:\\data");
  assertEquals(absolutePath("\\data", { cwd, ...win }), "D:\\data");
  assertEquals(absolutePath("/data/x", { cwd, ...win }), "D:\\data\\x");
  assertEquals(absolutePath("d:src", { cwd, ...win }), "D:\\work\\src");
  assertEquals(absolutePath("E:src", { cwd, ...win }), "E:\\src");
  assertEquals(absolutePath("\\data", { cwd: "\\\\nas\\backup\\x", ...win }), "\\\\nas\\backup\\data");
  assertEquals(
    absolutePath("\\data", { cwd: "\\\\?\\UNC\\nas\\backup\\x", ...win }),
    "\\\\nas\\backup\\data",
  );
  assertEquals(absolutePath("x", { cwd: "\\\\?\\C:\\long", ...win }), "\\\\?\\C:\\long\\x");
});

Deno.test("stripLongPathPrefix: \\\\?\\ drive and UNC forms", () => {
  assertEquals(stripLongPathPrefix("\\\\?\\C:\\x\\y"), "C:\\x\\y");
  assertEquals(stripLongPathPrefix("\\\\?\\UNC\\server\\share\\x"), "\\\\server\\share\\x");
  assertEquals(stripLongPathPrefix("\\\\.\\C:\\x"), "C:\\x");
  assertEquals(stripLongPathPrefix("C:\\x"), "C:\\x");
  assertEquals(stripLongPathPrefix("\\\\server\\share"), "\\\\server\\share");
  assertEquals(stripLongPathPrefix("/home/x"), "/home/x");
});

Deno.test("relativeInside: POSIX is exact; Windows ignores case, separators and \\\\?\\", () => {
  assertEquals(relativeInside("/a/b", "/a/b/c/d", posix), "c/d");
  assertEquals(relativeInside("/a/b", "/a/b/", posix), "");
  assertEquals(relativeInside("/a/b", "/a/bc", posix), undefined);
  assertEquals(relativeInside("/a/B", "/a/b/c", posix), undefined, "POSIX names are case-sensitive");
  assertEquals(relativeInside("/", "/etc/x", posix), "etc/x");

  assertEquals(relativeInside("C:\\Backups", "c:\\backups\\Docs\\A.txt", win), "Docs/A.txt");
  assertEquals(relativeInside("C:\\Backups\\", "C:/Backups", win), "");
  assertEquals(relativeInside("C:\\Backups", "C:\\BackupsOld\\x", win), undefined);
  assertEquals(relativeInside("C:\\", "C:\\Users\\me", win), "Users/me");
  assertEquals(relativeInside("C:\\", "D:\\Users", win), undefined);
  assertEquals(relativeInside("\\\\?\\C:\\Backups", "C:\\Backups\\Docs", win), "Docs");
  assertEquals(relativeInside("C:\\Backups", "\\\\?\\C:\\Backups\\Docs\\Sub", win), "Docs/Sub");
  assertEquals(relativeInside("\\\\nas\\share", "\\\\NAS\\Share\\x\\y", win), "x/y");
  assertEquals(relativeInside("\\\\?\\UNC\\nas\\share\\b", "\\\\nas\\share\\b\\x", win), "x");
  assertEquals(relativeInside("\\\\nas\\share", "\\\\nas\\share2\\x", win), undefined);
});
