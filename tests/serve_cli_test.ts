import { isLoopback, loopbackHosts } from "../src/commands/serve.ts";
import { assert, assertEquals, assertIncludes } from "./assert.ts";
import { phlb, withTempDir } from "./helpers.ts";
import { makeServeFixture, startServe } from "./serve_fixture.ts";

/** GET / over a socket with the given Host header; returns the status. */
async function statusWithHost(port: number, host: string): Promise<number> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(
      new TextEncoder().encode(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
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

Deno.test("phlb serve binds 127.0.0.1, prints the URL, serves, refuses other hosts, stops on SIGTERM", async () => {
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
      const post = await fetch(srv.url, { method: "POST", body: "x" });
      assertEquals(post.status, 405);
      await post.body?.cancel();
    } finally {
      const end = await srv.stop();
      assertEquals(end.code, 0, end.output);
      assertIncludes(end.output, "stopped");
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
      assertEquals((await srv.stop()).code, 0);
    }
  });
});

Deno.test("phlb serve: a missing root is fatal, bad flags are usage errors, a busy port names --port", async () => {
  await withTempDir(async (dir) => {
    const missing = await phlb(["serve", "--root", `${dir}/nope`, "--port", "0"]);
    assertEquals(missing.code, 1);
    assertIncludes(missing.stderr, `Backup root "${dir}/nope" does not exist`);
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
