import assert from "node:assert/strict";
import { test } from "node:test";
import { withNonce } from "./security-headers";

test("the nonce goes on the page's own tags, never into script or style bodies that mention tags", () => {
  const html =
    `<html><head><link rel="stylesheet" href="/a.css"><style>a::before{content:"<script>"}</style></head>` +
    `<body><script>const s = "<script src=x>"; const t = '<style>';</script><SCRIPT type="module">1</SCRIPT></body></html>`;
  assert.equal(
    withNonce(html, "N"),
    `<html><head><link nonce="N" rel="stylesheet" href="/a.css"><style nonce="N">a::before{content:"<script>"}</style></head>` +
      `<body><script nonce="N">const s = "<script src=x>"; const t = '<style>';</script><SCRIPT nonce="N" type="module">1</SCRIPT></body></html>`,
  );
});

test("an unclosed script keeps the rest of the page as its body", () => {
  assert.equal(withNonce(`<script>x = "<style>"`, "N"), `<script nonce="N">x = "<style>"`);
});
