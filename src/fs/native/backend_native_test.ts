// The native backend against real files and the coreutils/attr tools. Skipped, with the reason
// printed, where the native backend cannot load (no --allow-ffi, not glibc/libSystem).
import { assert, assertEquals } from "../../../tests/assert.ts";
import { hasTools, openFdsUnder, sh, withTempDir } from "../../../tests/helpers.ts";
import { sha256Hex } from "../hash.ts";
import {
  type BackendFile,
  encodeName,
  type FsBackend,
  nativeUnavailableReason,
  openBackend,
  xattrDigest,
} from "./mod.ts";

const skip = nativeUnavailableReason();
if (skip !== undefined) console.warn(`native backend tests skipped: ${skip}`);
const isRoot = Deno.uid() === 0;
const hasAttrTools = await hasTools("setfattr", "getfattr");
if (!hasAttrTools) console.warn("xattr tests skipped: setfattr/getfattr missing (apt-get install attr)");

function withBackend(fn: (b: FsBackend, dir: string) => Promise<void> | void): () => Promise<void> {
  return () =>
    withTempDir(async (dir) => {
      const b = openBackend({ prefer: "native" });
      try {
        await fn(b, dir);
      } finally {
        b.close();
      }
    });
}

/** Reads an open file to its end through subarrays of one growing buffer (as copy.ts readAllSync). */
function readAll(file: BackendFile): Uint8Array {
  let buf = new Uint8Array(4096);
  let len = 0;
  for (;;) {
    if (len === buf.length) {
      const bigger = new Uint8Array(buf.length * 2);
      bigger.set(buf);
      buf = bigger;
    }
    const n = file.readSync(buf.subarray(len));
    if (n === null) break;
    len += n;
  }
  return buf.subarray(0, len);
}

async function shOk(cmd: string, cwd: string): Promise<string> {
  const r = await sh(cmd, { cwd });
  assertEquals(r.code, 0, `${cmd}: ${r.stderr}`);
  return r.stdout;
}

/** `stat -c %y` (mtime with nanoseconds) of each path, in UTC. */
async function statY(cwd: string, ...paths: string[]): Promise<string[]> {
  const quoted = paths.map((p) => `'${p}'`).join(" ");
  return (await shOk(`TZ=UTC stat -c %y ${quoted}`, cwd)).trim().split("\n");
}

Deno.test({
  name: "native: lstat reads nanosecond mtime and ctime of files and folders as stat(1) shows them",
  ignore: skip !== undefined,
  fn: withBackend(async (b, dir) => {
    await shOk(
      "touch -d '2021-03-04 05:06:07.123456789 UTC' f && mkdir d && touch -d '2019-01-02 03:04:05.000000001 UTC' d",
      dir,
    );
    const f = b.lstat(`${dir}/f`);
    assertEquals([f.mtimeSec, f.mtimeNsec], [Date.UTC(2021, 2, 4, 5, 6, 7) / 1000, 123456789]);
    assertEquals(f.mtimeMs, Date.UTC(2021, 2, 4, 5, 6, 7, 123));
    const d = b.lstat(`${dir}/d`);
    assertEquals([d.mtimeSec, d.mtimeNsec], [Date.UTC(2019, 0, 2, 3, 4, 5) / 1000, 1]);
    // ctime with nanoseconds: seconds from %Z, the fraction from %z.
    const z = (await shOk("stat -c '%Z %z' f", dir)).trim();
    const [zSec, , zTime] = z.split(" ");
    assertEquals(f.ctimeSec, Number(zSec));
    assertEquals(f.ctimeNsec, Number(zTime.split(".")[1]));
  }),
});

Deno.test({
  name: "native: lstat agrees with Deno.lstatSync on type, mode, size, ino, dev, nlink, owner and ms mtime",
  ignore: skip !== undefined,
  fn: withBackend((b, dir) => {
    Deno.writeTextFileSync(`${dir}/f`, "12345");
    Deno.linkSync(`${dir}/f`, `${dir}/f2`);
    Deno.mkdirSync(`${dir}/d`);
    Deno.symlinkSync("f", `${dir}/l`);
    Deno.chmodSync(`${dir}/f`, 0o4751);
    for (const name of ["f", "d", "l"]) {
      const n = b.lstat(`${dir}/${name}`);
      const e = Deno.lstatSync(`${dir}/${name}`);
      assertEquals(
        [
          n.isFile,
          n.isDirectory,
          n.isSymlink,
          n.mode,
          n.size,
          n.ino,
          n.dev,
          n.nlink,
          n.uid,
          n.gid,
          n.mtimeMs,
        ],
        [
          e.isFile,
          e.isDirectory,
          e.isSymlink,
          e.mode,
          e.size,
          e.ino,
          e.dev,
          e.nlink,
          e.uid,
          e.gid,
          e.mtime?.getTime(),
        ],
        name,
      );
    }
    assertEquals(b.lstat(`${dir}/l`).type, "symlink");
  }),
});

Deno.test({
  name: "native: setTimes round-trips nanosecond mtimes onto new files, folders and symlinks (stat -c %y)",
  ignore: skip !== undefined,
  fn: withBackend(async (b, dir) => {
    await shOk(
      "touch -d '2021-03-04 05:06:07.123456789 UTC' f && mkdir d && touch -d '2019-01-02 03:04:05.000000001 UTC' d" +
        " && touch -d '1969-12-31 23:59:59.5 UTC' old && ln -s f l && touch -h -d '2001-09-09 01:46:40.000000005 UTC' l",
      dir,
    );
    Deno.writeTextFileSync(`${dir}/g`, "");
    Deno.writeTextFileSync(`${dir}/old2`, "");
    Deno.mkdirSync(`${dir}/e`);
    Deno.symlinkSync("g", `${dir}/m`);
    b.setTimes(`${dir}/g`, b.lstat(`${dir}/f`));
    b.setTimes(`${dir}/e`, b.lstat(`${dir}/d`));
    b.setTimes(`${dir}/old2`, b.lstat(`${dir}/old`));
    b.setTimes(`${dir}/m`, b.lstat(`${dir}/l`), { noFollow: true });
    const [f, g, d, e, old, old2, l, m] = await statY(dir, "f", "g", "d", "e", "old", "old2", "l", "m");
    assertEquals(f, "2021-03-04 05:06:07.123456789 +0000");
    assertEquals(g, f);
    assertEquals(d, "2019-01-02 03:04:05.000000001 +0000");
    assertEquals(e, d);
    assertEquals(old, "1969-12-31 23:59:59.500000000 +0000");
    assertEquals(old2, old);
    assertEquals(l, "2001-09-09 01:46:40.000000005 +0000");
    assertEquals(m, l);
    // noFollow set the link itself: its target g kept f's time.
    assertEquals((await statY(dir, "g"))[0], f);
    assertEquals([b.lstat(`${dir}/old2`).mtimeSec, b.lstat(`${dir}/old2`).mtimeNsec], [-1, 500000000]);
  }),
});

Deno.test({
  name: "native: an xattr set with setfattr is read back and copied to another file (getfattr)",
  ignore: skip !== undefined || !hasAttrTools,
  fn: withBackend(async (b, dir) => {
    Deno.writeTextFileSync(`${dir}/src`, "x");
    Deno.writeTextFileSync(`${dir}/dst`, "x");
    await shOk("setfattr -n user.phlb.text -v hello src && setfattr -n user.phlb.bin -v 0x00ff0a src", dir);
    assertEquals(b.listXattrs(`${dir}/src`).sort(), ["user.phlb.bin", "user.phlb.text"]);
    assertEquals(b.getXattr(`${dir}/src`, "user.phlb.text"), new TextEncoder().encode("hello"));
    assertEquals(b.getXattr(`${dir}/src`, "user.phlb.missing"), undefined);
    const xattrs = b.readXattrs(`${dir}/src`);
    assertEquals(xattrs.map((x) => x.name), ["user.phlb.bin", "user.phlb.text"]);
    assertEquals(xattrs[0].value, new Uint8Array([0, 0xff, 0x0a]));
    assertEquals(b.readXattrs(`${dir}/dst`), []);
    assertEquals(xattrDigest(b.readXattrs(`${dir}/dst`)), "");
    for (const x of xattrs) b.setXattr(`${dir}/dst`, x);
    const dump = "getfattr -d -m '^user\\.' -e hex";
    assertEquals(
      (await shOk(`${dump} dst`, dir)).replace("# file: dst", ""),
      (await shOk(`${dump} src`, dir)).replace("# file: src", ""),
    );
    assertEquals(xattrDigest(b.readXattrs(`${dir}/dst`)), xattrDigest(xattrs));
    await shOk("setfattr -n user.phlb.text -v changed dst", dir);
    assert(xattrDigest(b.readXattrs(`${dir}/dst`)) !== xattrDigest(xattrs), "digest sees a changed value");
  }),
});

Deno.test({
  name: "native: xattr calls act on a symlink itself, never on its target",
  ignore: skip !== undefined || !hasAttrTools || !isRoot,
  fn: withBackend(async (b, dir) => {
    // user.* xattrs are not allowed on symlinks; trusted.* are (for root).
    Deno.writeTextFileSync(`${dir}/t`, "x");
    Deno.symlinkSync("t", `${dir}/l`);
    b.setXattr(`${dir}/l`, { name: "trusted.phlb", value: new Uint8Array([7]) });
    assertEquals(b.readXattrs(`${dir}/l`), [{ name: "trusted.phlb", value: new Uint8Array([7]) }]);
    assertEquals(b.readXattrs(`${dir}/t`), []);
    assertEquals(
      (await shOk("getfattr -h -n trusted.phlb -e hex --only-values l | od -An -tx1", dir)).trim(),
      "07",
    );
  }),
});

Deno.test({
  name: "native: a file named with byte 0xFF is listed with its exact bytes, opened, linked and renamed",
  ignore: skip !== undefined,
  fn: withBackend(async (b, dir) => {
    await shOk(
      "mkdir d && printf hello > $'d/a\\xffb' && mkdir e && touch e/plain $'e/\\xef\\xbb\\xbfbom' $'e/x\\xfe'",
      dir,
    );
    // A folder mixing valid and raw names, and a name starting with the bytes of a BOM.
    assertEquals(b.readDir(`${dir}/e`).map((e) => [e.name, e.rawBytes]).sort(), [
      ["plain", false],
      ["x\udcfe", true],
      ["\uFEFFbom", false],
    ]);
    const entries = b.readDir(`${dir}/d`);
    assertEquals(entries.length, 1);
    assertEquals(entries[0].rawBytes, true);
    assertEquals(entries[0].type, "file");
    assertEquals(encodeName(entries[0].name), new Uint8Array([0x61, 0xff, 0x62]));
    const raw = b.readDirRaw(`${dir}/d`);
    const ino = b.lstat(`${dir}/d/${entries[0].name}`).ino;
    assertEquals(raw.map((e) => [e.name, e.type, e.ino]), [[
      new Uint8Array([0x61, 0xff, 0x62]),
      "file",
      ino,
    ]]);
    assertEquals(b.decodePath(b.encodePath(`${dir}/d/${entries[0].name}`)), `${dir}/d/a\udcffb`);
    const src = `${dir}/d/${entries[0].name}`;
    assertEquals(b.lstat(src).size, 5);
    const file = b.openRead(src);
    try {
      assertEquals(new TextDecoder().decode(readAll(file)), "hello");
    } finally {
      file.close();
    }
    b.link(src, `${dir}/d/l\udcfe`);
    assertEquals(b.lstat(src).nlink, 2);
    b.rename(`${dir}/d/l\udcfe`, `${dir}/d/r\udcfd`);
    const created = b.createNew(`${dir}/d/n\udcfc`, { mode: 0o640 });
    try {
      created.writeSync(new TextEncoder().encode("new"));
    } finally {
      created.close();
    }
    b.mkdir(`${dir}/d/sub\udcfb`);
    b.symlink("../a\udcffb", `${dir}/d/sub\udcfb/s\udcfa`);
    assertEquals(b.readLink(`${dir}/d/sub\udcfb/s\udcfa`), "../a\udcffb");
    b.setTimes(`${dir}/d/n\udcfc`, { atimeSec: 1, atimeNsec: 2, mtimeSec: 1_600_000_000, mtimeNsec: 42 });
    b.chmod(`${dir}/d/n\udcfc`, 0o604);
    // What the shell sees: the exact bytes, the content, the link, the target, the mode and the time.
    const check = [
      "[ ! -e $'d/l\\xfe' ]",
      "[ $(stat -c %h $'d/r\\xfd') = 2 ]",
      "[ $(stat -c %i $'d/r\\xfd') = $(stat -c %i $'d/a\\xffb') ]",
      "[ \"$(cat $'d/n\\xfc')\" = new ]",
      "[ $(stat -c %a $'d/n\\xfc') = 604 ]",
      "[ \"$(TZ=UTC stat -c %y $'d/n\\xfc')\" = '2020-09-13 12:26:40.000000042 +0000' ]",
      "[ $(readlink -n $'d/sub\\xfb/s\\xfa' | od -An -tx1 | tr -d ' \\n') = 2e2e2f61ff62 ]",
      "[ $(cat $'d/sub\\xfb/s\\xfa') = hello ]",
    ].join(" && ");
    await shOk(check, dir);
    assertEquals(b.readDir(`${dir}/d`).map((e) => e.name).sort(), [
      "a\udcffb",
      "n\udcfc",
      "r\udcfd",
      "sub\udcfb",
    ]);
    b.remove(`${dir}/d/sub\udcfb/s\udcfa`);
    b.remove(`${dir}/d/sub\udcfb`);
    b.remove(`${dir}/d/n\udcfc`);
    assertEquals(b.readDir(`${dir}/d`).length, 2);
  }),
});

Deno.test({
  name: "native: readDir lists what Deno.readDirSync lists, with types, in a large folder",
  ignore: skip !== undefined,
  fn: withBackend((b, dir) => {
    // More entries than one getdents64 buffer holds.
    for (let i = 0; i < 3000; i++) Deno.writeTextFileSync(`${dir}/file-with-a-longer-name-${i}`, "");
    Deno.mkdirSync(`${dir}/sub`);
    Deno.symlinkSync("sub", `${dir}/link`);
    const native = b.readDir(dir).map((e) => `${e.name}:${e.type}`).sort();
    const deno = [...Deno.readDirSync(dir)]
      .map((e) => `${e.name}:${e.isFile ? "file" : e.isDirectory ? "dir" : "symlink"}`).sort();
    assertEquals(native.length, 3002);
    assertEquals(native, deno);
  }),
});

Deno.test({
  name: "native: chown changes the owner of a symlink itself",
  ignore: skip !== undefined || !isRoot,
  fn: withBackend((b, dir) => {
    Deno.writeTextFileSync(`${dir}/t`, "x");
    Deno.symlinkSync("t", `${dir}/l`);
    b.chown(`${dir}/l`, { uid: 65534, gid: 65534 });
    assertEquals([b.lstat(`${dir}/l`).uid, b.lstat(`${dir}/l`).gid], [65534, 65534]);
    assertEquals(b.lstat(`${dir}/t`).uid, 0);
  }),
});

Deno.test({
  name: "native: an open file's stat is the nanosecond stat of what was opened, also for a raw name",
  ignore: skip !== undefined,
  fn: withBackend(async (b, dir) => {
    await shOk("printf old > $'a\\xff' && touch -d '2022-01-01 00:00:00.987654321 UTC' $'a\\xff'", dir);
    const path = `${dir}/a\udcff`;
    const before = b.lstat(path);
    const file = b.openRead(path);
    try {
      // Replace the name while the file is open: the stat and the bytes are still the opened file's.
      await shOk("printf newer > n && mv n $'a\\xff'", dir);
      const stat = file.stat();
      assertEquals([stat.ino, stat.size, stat.mtimeSec, stat.mtimeNsec], [
        before.ino,
        3,
        before.mtimeSec,
        987654321,
      ]);
      assertEquals(new TextDecoder().decode(readAll(file)), "old");
      assert(b.lstat(path).ino !== stat.ino, "the path now names another file");
    } finally {
      file.close();
    }
    file.close(); // a second close does nothing
  }),
});

Deno.test({
  name: "native: files are written, seeked, synced and timed through libc, byte-exact at any buffer offset",
  ignore: skip !== undefined,
  fn: withBackend(async (b, dir) => {
    const data = new Uint8Array(3 * 1024 * 1024 + 17);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 11)) & 0xff;
    const path = `${dir}/big\udcfe`;
    const out = b.createNew(path, { mode: 0o600 });
    try {
      // Uneven chunks, so FFI sees subarrays with non-zero offsets.
      for (let off = 0; off < data.length;) {
        off += out.writeSync(data.subarray(off, Math.min(off + 100_003, data.length)));
      }
      out.syncSync();
      out.setTimes({ atimeSec: 5, atimeNsec: 6, mtimeSec: 1_700_000_000, mtimeNsec: 999_999_999 });
      assertEquals(out.stat().size, data.length);
    } finally {
      out.close();
    }
    let err: unknown;
    try {
      b.createNew(path);
    } catch (e) {
      err = e;
    }
    assert(err instanceof Deno.errors.AlreadyExists, String(err));
    const sum = (await shOk("sha256sum < $'big\\xfe' && TZ=UTC stat -c '%a %y' $'big\\xfe'", dir)).split(
      "\n",
    );
    assertEquals(sum[0].slice(0, 64), sha256Hex(data));
    assertEquals(sum[1], "600 2023-11-14 22:13:20.999999999 +0000");
    const file = b.openRead(path);
    try {
      assertEquals(readAll(file), data);
      assertEquals(file.seekSync(-17, Deno.SeekMode.End), data.length - 17);
      const tail = new Uint8Array(100);
      assertEquals(file.readSync(tail), 17);
      assertEquals(tail.subarray(0, 17), data.subarray(data.length - 17));
      assertEquals(file.readSync(tail), null);
      assertEquals(file.seekSync(0, Deno.SeekMode.Current), data.length);
    } finally {
      file.close();
    }
  }),
});

Deno.test({
  name: "native: read() runs off the JS thread and gives the same bytes as readSync, then null at the end",
  ignore: skip !== undefined,
  fn: withBackend(async (b, dir) => {
    const data = new Uint8Array(300_000).map((_, i) => (i * 31) & 0xff);
    Deno.writeFileSync(`${dir}/f`, data);
    const f = b.openRead(`${dir}/f`);
    try {
      const buf = new Uint8Array(data.length + 1);
      let len = 0;
      for (;;) {
        const n = await f.read(buf.subarray(len));
        if (n === null) break;
        len += n;
      }
      assertEquals(len, data.length);
      assertEquals(sha256Hex(buf.subarray(0, len)), sha256Hex(data));
      assertEquals(await f.read(buf), null);
    } finally {
      f.close();
    }
    // A read on a descriptor that cannot read (a folder) throws the errno's error, as readSync does.
    const d = b.openRead(dir);
    try {
      let threw: unknown;
      try {
        await d.read(new Uint8Array(16));
      } catch (err) {
        threw = err;
      }
      assert(threw instanceof Error && /EISDIR|directory/i.test(String(threw)), String(threw));
    } finally {
      d.close();
    }
  }),
});

Deno.test({
  name:
    "native: syncFilesystem flushes the folder's filesystem (syncfs on Linux); a missing folder throws NotFound",
  ignore: skip !== undefined,
  fn: withBackend((b, dir) => {
    Deno.mkdirSync(`${dir}/a folder`);
    assertEquals(b.syncFilesystem(`${dir}/a folder`), Deno.build.os === "linux" ? "syncfs" : "sync");
    if (Deno.build.os !== "linux") return; // sync(2) takes no path
    let caught: unknown;
    try {
      b.syncFilesystem(`${dir}/missing`);
    } catch (err) {
      caught = err;
    }
    assert(caught instanceof Deno.errors.NotFound, `expected NotFound, got ${caught}`);
  }),
});

Deno.test({
  name:
    "native folder calls: lstat and link by name in an open folder, byte names, errors name the full path",
  ignore: skip !== undefined || Deno.build.os !== "linux",
  fn: withBackend(async (b, dir) => {
    const folders = b.folders;
    assert(folders !== undefined, "glibc offers the folder calls");
    await shOk(
      `mkdir -p a/deep b && printf 12345 > a/deep/f && printf x > a/deep/$'\\xff' && ln -s a link`,
      dir,
    );
    assertEquals(openFdsUnder(dir), []);
    const src = folders.open(`${dir}/a/deep`);
    const dst = folders.open(`${dir}/b`);
    try {
      assertEquals(openFdsUnder(dir), [`${dir}/a/deep`, `${dir}/b`]);
      const st = folders.lstat(src, "f", `${dir}/a/deep/f`);
      assertEquals([st.isFile, st.size, st.ino], [true, 5, b.lstat(`${dir}/a/deep/f`).ino]);
      const raw = "\uDCFF"; // the fs-string of the byte 0xFF
      assertEquals(folders.lstat(src, raw, `${dir}/a/deep/${raw}`).size, 1);
      folders.link({ dir: src, name: "f", path: `${dir}/a/deep/f` }, {
        dir: dst,
        name: "g",
        path: `${dir}/b/g`,
      });
      folders.link({ dir: src, name: raw, path: "" }, { dir: dst, name: raw, path: "" });
      assertEquals(b.lstat(`${dir}/b/g`).ino, st.ino);
      assertEquals(b.lstat(`${dir}/a/deep/f`).nlink, 2);
      assertEquals(b.lstat(`${dir}/b/${raw}`).ino, b.lstat(`${dir}/a/deep/${raw}`).ino);
      // Errors are Deno's, and name the full path given for messages.
      let err: unknown;
      try {
        folders.lstat(src, "none", `${dir}/a/deep/none`);
      } catch (e) {
        err = e;
      }
      assert(err instanceof Deno.errors.NotFound, String(err));
      assert(String(err).includes(`${dir}/a/deep/none`), String(err));
      err = undefined;
      try {
        folders.link({ dir: src, name: "f", path: "from" }, { dir: dst, name: "g", path: `${dir}/b/g` });
      } catch (e) {
        err = e;
      }
      assert(err instanceof Deno.errors.AlreadyExists, String(err));
      assert(String(err).includes(`${dir}/b/g`), String(err));
    } finally {
      folders.close(src);
      folders.close(dst);
    }
    // A symlink in a folder's place is not followed: the open fails.
    let refused = false;
    try {
      folders.close(folders.open(`${dir}/link`));
    } catch {
      refused = true;
    }
    assert(refused, "a symlink to a folder is not opened as the folder");
    assertEquals(openFdsUnder(dir), []);
  }),
});
