import { assertEquals } from "../../tests/assert.ts";
import { escapeHtml, html } from "./html.ts";

Deno.test("html escapes every interpolated string, in text and in attributes", () => {
  const evil = `<script>alert("x")</script> & 'quotes'`;
  assertEquals(
    html`<a title="${evil}">${evil}</a>`.value,
    `<a title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">` +
      `&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</a>`,
  );
});

Deno.test("html inserts nested html as markup, once, and escapes arrays element by element", () => {
  const inner = html`<b>${"a&b"}</b>`;
  assertEquals(html`<p>${inner}</p>`.value, "<p><b>a&amp;b</b></p>");
  assertEquals(
    html`<ul>${["<x>", html`<li>ok</li>`, ["&"]]}</ul>`.value,
    "<ul>&lt;x&gt;<li>ok</li>&amp;</ul>",
  );
});

Deno.test("html renders null, undefined and false as nothing, numbers and true as text", () => {
  assertEquals(html`[${null}${undefined}${false}]`.value, "[]");
  assertEquals(html`[${0}${12.5}${true}${10n}]`.value, "[012.5true10]");
});

Deno.test("a string that looks like markup is never taken as markup", () => {
  // Only values built by html are markup: an object with a value field is just text.
  const fake = { value: "<b>" } as unknown as string;
  assertEquals(html`${fake}`.value, "[object Object]");
  assertEquals(escapeHtml("<&>\"'"), "&lt;&amp;&gt;&quot;&#39;");
});
