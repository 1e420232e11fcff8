import { assertEquals } from "../../tests/assert.ts";
import { checkHost } from "./host_check.ts";

const allowed = new Set(["127.0.0.1:8484", "localhost:8484"]);

function req(url: string, host?: string): Request {
  return new Request(url, { headers: host === undefined ? {} : { host } });
}

Deno.test("checkHost: a loopback server answers only its own Host names, and refuses a request naming none", () => {
  assertEquals(checkHost(req("http://127.0.0.1:8484/", "127.0.0.1:8484"), allowed), undefined);
  assertEquals(checkHost(req("http://LOCALHOST:8484/", "LOCALHOST:8484"), allowed), undefined);
  assertEquals(checkHost(req("http://evil.example/", "evil.example"), allowed)?.status, 403);
  assertEquals(checkHost(req("http://localhost:9999/", "localhost:9999"), allowed)?.status, 403);
  // HTTP/1.0 without Host: Deno makes up "localhost:PORT" for the URL; the header is what counts.
  assertEquals(checkHost(req("http://localhost:8484/"), allowed)?.status, 400);
  assertEquals(checkHost(req("http://localhost:8484/", " "), allowed)?.status, 400);
});

Deno.test("checkHost: a target in absolute form naming another host than Host is refused, with or without a list", () => {
  // `GET http://evil.example/ HTTP/1.1` with `Host: 127.0.0.1:8484`: Deno's URL is the target's.
  assertEquals(checkHost(req("http://evil.example/", "127.0.0.1:8484"), allowed)?.status, 400);
  assertEquals(checkHost(req("http://evil.example/", "127.0.0.1:8484"))?.status, 400);
  // A Host that is not a host name changes the URL's shape: refused as well.
  assertEquals(checkHost(req("http://x/y/p", "x/y"))?.status, 400);
  // Without a list: any Host that agrees with the URL, and none (a Request made in a test).
  assertEquals(checkHost(req("http://nas.local:8484/", "nas.local:8484")), undefined);
  assertEquals(checkHost(req("http://phlb.test/")), undefined);
});
