import { assert, assertEquals } from "../../tests/assert.ts";
import { openFdsUnder, symlinkSkipReason, symlinkSync, withTempDir } from "../../tests/helpers.ts";
import { skipReason } from "../../tests/fault_helpers.ts";
import { assertHtmlIncludes, BASE, get, snapUrl, withApp } from "../../tests/serve_app.ts";
import { makeServeFixture, NAMES } from "../../tests/serve_fixture.ts";
import { sha256Hex } from "../fs/hash.ts";
import { contentDisposition, createApp } from "./app.ts";

Deno.test("downloads are octet-stream attachments with an RFC 6266 name and the exact bytes", async () => {
  await withApp(async (app, fx, dir) => {
    // A user's HTML file is never rendered: octet-stream, attachment, nosniff, sandboxed.
    const webName = NAMES.markup;
    const w = await get(app, `${snapUrl(fx)}/raw/web/${encodeURIComponent(webName)}`);
    assertEquals(w.status, 200);
    assertEquals(w.headers.get("content-type"), "application/octet-stream");
    assertEquals(w.headers.get("x-content-type-options"), "nosniff");
    assertEquals(w.headers.get("content-security-policy"), "default-src 'none'; sandbox");
    assertEquals(w.headers.get("content-disposition"), NAMES.markupDisposition);
    assertEquals(w.text, Deno.readTextFileSync(`${dir}/src/web/${webName}`));
    const u = await get(app, `${snapUrl(fx)}/raw/${encodeURIComponent(NAMES.quoted)}`);
    assertEquals(u.headers.get("content-disposition"), NAMES.quotedDisposition);
    const bin = await get(app, `${snapUrl(fx)}/raw/bin/data.bin`);
    assertEquals(bin.bytes, new Uint8Array([0, 1, 2, 255, 254, 0, 10]));
    assertEquals(bin.headers.get("content-length"), "7");
    const head = await get(app, `${snapUrl(fx)}/raw/bin/data.bin`, { method: "HEAD" });
    assertEquals(head.status, 200);
    assertEquals(head.bytes.length, 0);
    assertEquals(head.headers.get("content-length"), "7");
    assertEquals((await get(app, `${snapUrl(fx)}/raw/docs`)).status, 404, "a folder is not a download");
    assertEquals((await get(app, `${snapUrl(fx)}/raw/`)).status, 404);
  });
});

Deno.test("contentDisposition keeps the exact name in filename* and a safe ASCII fallback", () => {
  assertEquals(contentDisposition("a.txt"), `attachment; filename="a.txt"; filename*=UTF-8''a.txt`);
  assertEquals(
    contentDisposition(`x"\\%;\r\n.txt`),
    `attachment; filename="x___;__.txt"; filename*=UTF-8''x%22%5C%25%3B%0D%0A.txt`,
  );
  assertEquals(
    contentDisposition("日本.txt"),
    `attachment; filename="__.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt`,
  );
  assertEquals(
    contentDisposition("it's (1)*"),
    `attachment; filename="it's (1)*"; filename*=UTF-8''it%27s%20%281%29%2A`,
  );
  assertEquals(contentDisposition("ü"), `attachment; filename="_"; filename*=UTF-8''%C3%BC`);
  assertEquals(contentDisposition(" "), `attachment; filename="download"; filename*=UTF-8''%20`);
});

Deno.test("only GET and HEAD are answered; everything carries nosniff and a restrictive CSP", async () => {
  await withApp(async (app, fx) => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const r = await get(app, "/", { method });
      assertEquals(r.status, 405, method);
      assertEquals(r.headers.get("allow"), "GET, HEAD");
    }
    for (const path of ["/", "/b/src/", `${snapUrl(fx)}/`, "/search?q=a", "/nope", "/static/style.css"]) {
      const r = await get(app, path);
      assertEquals(r.headers.get("x-content-type-options"), "nosniff", path);
      const csp = r.headers.get("content-security-policy") ?? "";
      assertHtmlIncludes(csp, "default-src 'none'", path);
      assert(!csp.includes("unsafe-inline") && !csp.includes("script-src"), `${path}: no scripts allowed`);
    }
    const css = await get(app, "/static/style.css");
    assertEquals(css.headers.get("content-type"), "text/css; charset=utf-8");
    const head = await get(app, "/", { method: "HEAD" });
    assertEquals(head.status, 200);
    assertEquals(head.bytes.length, 0);
  });
});

Deno.test("with an allowed-host list, other hosts are refused (403), and a request naming none or two (400)", async () => {
  await withTempDir(async (dir) => {
    const fx = await makeServeFixture(dir);
    const app = createApp({ root: fx.root, allowedHosts: ["127.0.0.1:8484"] });
    // As Deno.serve hands requests over: the URL's authority is the Host header's, or the target's.
    const status = async (url: string, host?: string) => {
      const r = app.handle(new Request(url, { headers: host === undefined ? {} : { host } }));
      await r.body?.cancel();
      return r.status;
    };
    try {
      assertEquals(await status("http://127.0.0.1:8484/", "127.0.0.1:8484"), 200);
      assertEquals(await status("http://evil.example/", "evil.example"), 403);
      assertEquals(await status("http://localhost:8484/", "localhost:8484"), 403);
      // HTTP/1.0 without Host (Deno makes up "localhost:PORT"), and HTTP/2 without TLS: no host named.
      assertEquals(await status("http://localhost:8484/"), 400);
      assertEquals(await status("http://127.0.0.1:8484/"), 400);
      // `GET http://evil.example/ HTTP/1.1` with an accepted Host: the target names another host.
      assertEquals(await status("http://evil.example/", "127.0.0.1:8484"), 400);
      const refused = app.handle(
        new Request("http://evil.example/", { headers: { host: "127.0.0.1:8484" } }),
      );
      assertEquals(refused.headers.get("content-type"), "text/plain; charset=utf-8");
      assertHtmlIncludes(await refused.text(), "names another host");
    } finally {
      app.close();
    }
  });
});

Deno.test("traversal and encoded variants in every path parameter are refused with 404", async () => {
  await withApp(async (app, fx) => {
    const s = snapUrl(fx);
    const bad = [
      // `new Request` folds literal and %2e dot segments (the raw-socket test below sends them as
      // they are); what is left of these must not match anything either.
      `${s}/raw/../../../.phlb/index.sqlite`,
      `${s}/raw/%2e%2e/%2e%2e/%2e%2e/etc/passwd`,
      `/b/src/%2e%2e/`,
      // Encoded slashes, backslashes, NUL, double encoding, absolute paths.
      `${s}/raw/..%2f..%2f..%2f.phlb%2findex.sqlite`,
      `${s}/raw/%2fetc%2fpasswd`,
      `${s}/raw//etc/passwd`,
      `${s}/files//etc/`,
      `${s}/raw/..%5c..%5c.phlb%5cindex.sqlite`,
      `${s}/raw/docs%5creport.txt`,
      `${s}/raw/docs/report.txt%00`,
      `${s}/raw/docs/report.txt%00.png`,
      `${s}/raw/%252e%252e/%252e%252e/src.sha256`,
      `${s}/raw/docs%252freport.txt`,
      `${s}/raw/%c0%ae%c0%ae/x`,
      `${s}/raw/%`,
      `/b/src%2f${fx.second}/`,
      `/b/${encodeURIComponent("../src")}/`,
      `/b/src/${fx.second}.partial/`,
      `/b/src/${encodeURIComponent(`../../${fx.root}`)}/`,
      `/b/.phlb/`,
      `/b/src/.phlb/`,
      `/static/%2e%2e%2fstyle.css`,
      `/b/src/${fx.second}/raw/back%5Cslash.txt`,
      `/b/src/${fx.second}/nope/docs/report.txt`,
    ];
    for (const path of bad) assertEquals((await get(app, path)).status, 404, path);
  });
});

/** Sends a raw request target over a socket (no URL normalization on the way) and returns the status. */
async function rawStatus(port: number, target: string): Promise<number> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(
      new TextEncoder().encode(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    );
    let text = "";
    const buf = new Uint8Array(16384);
    for (;;) {
      const n = await conn.read(buf);
      if (n === null) break;
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
  } finally {
    conn.close();
  }
}

Deno.test("traversal sent raw over a socket (.., %2e%2e, backslashes) is refused with 404", async () => {
  await withApp(async (app, fx) => {
    const ac = new AbortController();
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, signal: ac.signal, onListen: () => {} },
      app.handle,
    );
    try {
      const s = snapUrl(fx);
      const port = server.addr.port;
      assertEquals(await rawStatus(port, `${s}/raw/docs/report.txt`), 200, "the control request works");
      for (
        const target of [
          `${s}/raw/../../../.phlb/index.sqlite`,
          `${s}/raw/docs/../../${fx.first}/docs/report.txt`,
          `${s}/files/../../`,
          `${s}/raw/./docs/report.txt`,
          `${s}/raw/%2e%2e/%2e%2e/src.sha256`,
          `${s}/raw/%2E%2E/%2e./.phlb/index.sqlite`,
          `${s}/raw/.%2e/${fx.first}/docs/report.txt`,
          `${s}\\..\\..\\.phlb\\index.sqlite`,
          `${s}/raw/docs\\report.txt`,
          `${s}/raw/..\\..\\.phlb\\index.sqlite`,
          `/b/src/../../etc/passwd`,
          `/b/../`,
          `/b/src/${fx.second}/raw/%2e%2e%2f%2e%2e%2fsrc.sha256`,
          `/b/src/${fx.second}/raw/%252e%252e/src.sha256`,
          `//etc/passwd`,
        ]
      ) {
        assertEquals(await rawStatus(port, target), 404, target);
      }
    } finally {
      ac.abort();
      await server.finished;
    }
  });
});

Deno.test({
  name: "a snapshot folder that is a symlink pointing outside the root is not served",
  ignore: skipReason("symlinked snapshot folder", symlinkSkipReason()),
  fn: async () => {
    await withApp(async (app, fx, dir) => {
      Deno.mkdirSync(`${dir}/outside`);
      Deno.writeTextFileSync(`${dir}/outside/secret.txt`, "secret");
      symlinkSync(`${dir}/outside`, `${fx.root}/src/2030-01-01-000000`, "dir");
      assertEquals((await get(app, "/b/src/2030-01-01-000000/")).status, 404);
      assertEquals((await get(app, "/b/src/2030-01-01-000000/raw/secret.txt")).status, 404);
      symlinkSync(`${dir}/outside`, `${fx.root}/evil`, "dir");
      assertEquals((await get(app, "/b/evil/")).status, 404, "a symlinked backup name is not listed");
    });
  },
});

Deno.test("serving every page writes nothing: index bytes and snapshot folders are unchanged", async () => {
  await withApp(async (app, fx) => {
    const indexPath = `${fx.root}/.phlb/index.sqlite`;
    const before = sha256Hex(Deno.readFileSync(indexPath));
    const snapMtime = Deno.statSync(`${fx.root}/src/${fx.second}`).mtime?.getTime();
    const s = snapUrl(fx);
    for (
      const path of [
        "/",
        "/b/src/",
        `${s}/`,
        `${s}/files/docs/`,
        `${s}/files/docs/report.txt`,
        `${s}/raw/docs/report.txt`,
        `${s}/log`,
        `${s}/changes`,
        `${s}/files/docs/report.txt?a=${fx.first}&b=${fx.second}`,
        "/search?q=report",
      ]
    ) {
      assertEquals((await get(app, path)).status, 200, path);
    }
    app.close();
    assertEquals(sha256Hex(Deno.readFileSync(indexPath)), before);
    assertEquals(Deno.statSync(`${fx.root}/src/${fx.second}`).mtime?.getTime(), snapMtime);
    const names = [...Deno.readDirSync(`${fx.root}/src`)].map((e) => e.name).sort();
    assertEquals(names.length, 8, `two snapshots and their three sidecars each: ${names.join(", ")}`);
  });
});

Deno.test("unknown routes are 404", async () => {
  await withApp(async (app, fx) => {
    for (
      const path of [
        "/nope",
        "/b",
        "/b/",
        "/static/other.css",
        `${snapUrl(fx)}/files/docs/missing.txt`,
        `/b/src/2099-01-01-000000/`,
        `/b/src/2099-01-01-000000/changes`,
        `${snapUrl(fx)}/changes/more`,
        `${snapUrl(fx)}/files/docs/report.txt?a=2099-01-01-000000&b=${fx.second}`,
      ]
    ) {
      assertEquals((await get(app, path)).status, 404, path);
    }
  });
});

Deno.test("contentDisposition offers a name that is not valid UTF-8 as it is shown, \\xFF", () => {
  assertEquals(
    contentDisposition("bad\uDCFF"),
    `attachment; filename="bad_xFF"; filename*=UTF-8''bad%5CxFF`,
  );
});

Deno.test({
  name: "a download closes its file when it is read to the end and when the client goes away",
  ignore: skipReason("download fds", Deno.build.os === "linux" ? undefined : "counts /proc/self/fd"),
  fn: async () => {
    await withApp(async (app, fx) => {
      const big = new Uint8Array(3 << 20).map((_, i) => i % 251);
      const path = `${fx.root}/src/${fx.second}/docs/big.bin`;
      Deno.writeFileSync(path, big);
      // A first page opens the index (its descriptors stay open): count after it.
      assertEquals((await get(app, `${snapUrl(fx)}/files/docs/`)).status, 200);
      // Only descriptors of this file count: the runner's come and go.
      assertEquals(openFdsUnder(path), []);
      const whole = await get(app, `${snapUrl(fx)}/raw/docs/big.bin`);
      assertEquals(whole.bytes, big);
      // The close waits for the read in flight; give it a turn of the event loop.
      await new Promise((r) => setTimeout(r, 50));
      assertEquals(openFdsUnder(path), [], "closed after the last chunk");
      const r = app.handle(new Request(`${BASE}${snapUrl(fx)}/raw/docs/big.bin`));
      const reader = r.body!.getReader();
      const first = await reader.read();
      assert(!first.done && first.value.length > 0 && first.value.length < big.length, "one chunk");
      assertEquals(openFdsUnder(path), [path], "open while the client reads");
      await reader.cancel();
      await new Promise((r) => setTimeout(r, 50));
      assertEquals(openFdsUnder(path), [], "closed after the client went away");
    });
  },
});
