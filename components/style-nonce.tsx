"use client";

import { setNonce } from "get-nonce";

/**
 * Hands the page's CSP nonce (proxy.ts) to `get-nonce`, through which Radix's
 * dialogs (react-remove-scroll) put the nonce on the <style> element they
 * add while open; without it the page's policy blocks that style.
 */
export function StyleNonce({ nonce }: { nonce: string | null }) {
  if (nonce) setNonce(nonce);
  return null;
}
