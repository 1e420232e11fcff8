import { isLoopback, loopbackHosts } from "../src/commands/serve.ts";
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { IS_WINDOWS, nativePath, phlb, withTempDir } from "./helpers.ts";
import { skipReason } from "./fault_helpers.ts";
import {
  makeRawNameFixture,
  makeServeFixture,
  RAW_CONTENT,
  RAW_NAMES_SKIP,
  startServe,
} from "./serve_fixture.ts";

/** Sends `request` as it is over a socket and returns the response's status. */
async function rawStatus(port: number, request: string): Promise<number> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(new TextEncoder().encode(request));
    let text = "";
    const buf = new Uint8Array(16384);
    for (;;) {
      const n = await conn.read(buf);
      if (n === null) break;
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
    return Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
  } finally {
    conn.close();
  }
}

/** GET `target` (default "/", sent as it is) over a socket with the given Host header; returns the status. */
function statusWithHost(port: number, host: string, target = "/"): Promise<number> {
  return rawStatus(port, `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
}

Deno.test("phlb serve binds 127.0.0.1, prints the URL, serves, refuses other hosts and none, stops on SIGTERM (not on Windows)", async () => {
  await withTempDir(async (dir) => {
    const fx = await makeServeFixture(dir);
    const srv = await startServe(["--root", fx.root, "--port", "0"]);
    try {
      assert(srv.url.startsWith("http://127.0.0.1:"), srv.url);
      assert(!srv.startOutput.includes("warning"), "no warning on loopback");
      const r = await fetch(srv.url);
      assertEquals(r.status, 200);
      assertIncludes(await r.text(), `href="/b/src/${fx.second}/"`);
      const port = new URL(srv.url).port;
      // localhost is accepted; a DNS-rebinding page would send its own name as Host, and is refused.
      assertEquals(await statusWithHost(Number(port), `localhost:${port}`), 200);
      assertEquals(await statusWithHost(Number(port), "evil.example"), 403);
      assertEquals(await statusWithHost(Number(port), `evil.example:${port}`), 403);
      // HTTP/1.0 without Host names no host; a target in absolute form names another than Host: 400.
      const p = Number(port);
      assertEquals(await rawStatus(p, "GET / HTTP/1.0\r\n\r\n"), 400);
      assertEquals(await rawStatus(p, `GET / HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\n\r\n`), 200);
      assertEquals(await statusWithHost(p, `127.0.0.1:${port}`, "http://evil.example/"), 400);
      assertEquals(await rawStatus(p, "GET http://evil.example/ HTTP/1.1\r\nConnection: close\r\n\r\n"), 400);
      assertEquals(await statusWithHost(p, `127.0.0.1:${port}`, `http://127.0.0.1:${port}/`), 200);
      const post = await fetch(srv.url, { method: "POST", body: "x" });
      assertEquals(post.status, 405);
      await post.body?.cancel();
    } finally {
      const end = await srv.stop();
      // Windows has no SIGTERM: Deno's kill() there ends the process (TerminateProcess), which no
      // program can see; a user stops it with Ctrl-C in its console.
      if (!IS_WINDOWS) {
        assertEquals(end.code, 0, end.output);
        assertIncludes(end.output, "stopped");
      }
    }
  });
});

Deno.test("phlb serve --listen on a non-loopback address warns that anyone reaching it can read the backups", async () => {
  await withTempDir(async (dir) => {
    Deno.mkdirSync(`${dir}/root`);
    // Bound on all interfaces only for this moment; the test talks to it over loopback alone.
    const srv = await startServe(["--root", `${dir}/root`, "--port", "0", "--listen", "0.0.0.0"]);
    try {
      assertIncludes(srv.startOutput, "warning: listening on 0.0.0.0:");
      assertIncludes(
        srv.startOutput,
        "anyone who can reach that address can read every file of these backups",
      );
      const port = new URL(srv.url).port;
      const r = await fetch(`http://127.0.0.1:${port}/`);
      assertEquals(r.status, 200);
      assertIncludes(await r.text(), "No backups under");
    } finally {
      const end = await srv.stop();
      if (!IS_WINDOWS) assertEquals(end.code, 0, end.output); // (no SIGTERM on Windows: see above)
    }
  });
});

Deno.test("phlb serve: a missing root is fatal, bad flags are usage errors, a busy port names --port", async () => {
  await withTempDir(async (dir) => {
    const missing = await phlb(["serve", "--root", `${dir}/nope`, "--port", "0"]);
    assertEquals(missing.code, 1);
    assertIncludes(missing.stderr, `Backup root "${nativePath(`${dir}/nope`)}" does not exist`);
    for (
      const args of [["--port", "70000"], ["--port", "-1"], ["--port", "http"], ["--stale-days", "0"], [
        "--stale-days",
        "x",
      ]]
    ) {
      const r = await phlb(["serve", "--root", dir, ...args]);
      assertEquals(r.code, 2, args.join(" "));
    }
    const busy = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    try {
      const r = await phlb(["serve", "--root", dir, "--port", String((busy.addr as Deno.NetAddr).port)]);
      assertEquals(r.code, 1);
      assertIncludes(r.stderr, "Cannot listen on 127.0.0.1:");
      assertIncludes(r.stderr, "--port");
    } finally {
      busy.close();
    }
    const help = await phlb(["serve", "--help"]);
    assertEquals(help.code, 0);
    assertIncludes(help.stdout, "--listen <addr>");
    assertIncludes(help.stdout, "Exit codes:");
  });
});

Deno.test("isLoopback knows 127.0.0.0/8, ::1 and localhost; loopbackHosts names the port", () => {
  for (const a of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"]) {
    assert(isLoopback(a), a);
  }
  for (const a of ["0.0.0.0", "::", "192.168.1.2", "10.0.0.1", "example.com", "127.0.0.1.example.com"]) {
    assert(!isLoopback(a), a);
  }
  assertEquals(loopbackHosts(8484), ["127.0.0.1:8484", "localhost:8484", "[::1]:8484"]);
});

Deno.test({
  name:
    "phlb serve: a file whose name is not valid UTF-8 is listed with size and mtime, downloads, and is found",
  ignore: skipReason("serve raw names", RAW_NAMES_SKIP),
  fn: async () => {
    await withTempDir(async (dir) => {
      const fx = await makeRawNameFixture(dir);
      const srv = await startServe(["--root", fx.root, "--port", "0"]);
      try {
        const listing = await fetch(`${srv.url}b/src/${fx.snapId}/`);
        assertEquals(listing.status, 200);
        const text = await listing.text();
        // The row of bad\xFF: its page link, size, mtime (not 0 B and "—") and download link.
        const row =
          /<tr>\s*<td class="name"><a href="([^"]+)">bad\\xFF<\/a><\/td>\s*<td class="num">([^<]*)<\/td>\s*<td class="mono">([^<]*)<\/td>\s*<td><a href="([^"]+)" download>/
            .exec(text);
        assert(row, `a row for bad\\xFF in: ${text}`);
        const [, pageHref, size, mtime, rawHref] = row;
        assertEquals(size, `${RAW_CONTENT.length} B`);
        assert(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(mtime), `an mtime, not "${mtime}"`);
        const raw = await fetch(new URL(rawHref, srv.url));
        assertEquals(raw.status, 200, rawHref);
        assertEquals(await raw.text(), RAW_CONTENT);
        const page = await fetch(new URL(pageHref, srv.url));
        assertEquals(page.status, 200, pageHref);
        assertIncludes(await page.text(), `<title>bad\\xFF · phlb</title>`);
        const search = await fetch(`${srv.url}search?q=bad`);
        assertEquals(search.status, 200);
        assertIncludes(await search.text(), `<a href="${pageHref}">bad\\xFF</a>`);
        // Escaped bytes do not open a way out of the snapshot, sent as they are over a socket.
        const port = Number(new URL(srv.url).port);
        const host = `127.0.0.1:${port}`;
        const s = `/b/src/${fx.snapId}`;
        assertEquals(await statusWithHost(port, host, `${s}/raw/bad%FF`), 200, "the control request works");
        for (
          const target of [
            `${s}/raw/dir%FD/../../../.phlb/index.sqlite`,
            `${s}/raw/dir%FD/%2e%2e/%2e%2e/src.sha256`,
            `${s}/raw/dir%FD%2F..%2F..%2Fsrc.sha256`,
            `${s}/raw/%FF%2F..%2F..%2F.phlb%2Findex.sqlite`,
            `${s}/raw/dir%FD\\..\\..\\src.sha256`,
            `${s}/raw/%c0%ae%c0%ae/%c0%ae%c0%ae/src.sha256`,
            `${s}/raw/bad%FF%00`,
          ]
        ) {
          const status = await statusWithHost(port, host, target);
          assert(status === 404 || status === 400, `${target}: ${status}`);
        }
      } finally {
        assertEquals((await srv.stop()).code, 0);
      }
    });
  },
});
