import { assertEquals } from "../../tests/assert.ts";
import { filesUrl, nameUrl, rawUrl, searchUrl } from "./urls.ts";

Deno.test("URLs encode each segment from the name's bytes, also for names that are not valid UTF-8", () => {
  assertEquals(
    filesUrl("src", "2026-01-01-100000", "dir\uDCFE/bad\uDCFF"),
    "/b/src/2026-01-01-100000/files/dir%FE/bad%FF",
  );
  assertEquals(rawUrl("src", "id", "bad\uDCFF"), "/b/src/id/raw/bad%FF");
  assertEquals(filesUrl("src", "id", "a\uDCFF", { dir: true }), "/b/src/id/files/a%FF/");
  // A "/" or "%" inside one name stays inside its segment; valid names are as encodeURIComponent has them.
  assertEquals(nameUrl("a/b%"), "/b/a%2Fb%25/");
  assertEquals(rawUrl("src", "id", "docs/café (1).txt"), "/b/src/id/raw/docs/caf%C3%A9%20(1).txt");
  assertEquals(searchUrl({ text: "a b", page: 2 }), "/search?q=a+b&page=2");
});
