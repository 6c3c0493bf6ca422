import os from "node:os";

/**
 * Which Host headers the server answers. Without PUBLIC_URL the Host header
 * becomes the issuer, the token endpoint in the metadata and the audience of
 * tokens, so a request naming any other host (DNS rebinding, a poisoned
 * cache, `127.0.0.1:3701@evil.example`) must be refused before anything reads it.
 */

/** One ALLOWED_HOSTS entry: a host name or IP literal, with a port or any port. */
export interface AllowedHost {
  /** Lower case, without a trailing dot; IPv6 in brackets, as in a Host header. */
  hostname: string;
  /** null: any port. */
  port: number | null;
}

/** `*` in ALLOWED_HOSTS: any well-formed Host (for a proxy in front that checks it). */
export type AllowedHosts = AllowedHost[] | "any";

// Underscores appear in container and compose service names.
const LABEL = "[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?";
// RFC 3986 reg-name restricted to DNS names, an IPv4 literal, or a bracketed IPv6
// literal, then an optional port. Nothing else: no userinfo, path, spaces or commas.
const HOST_PATTERN = new RegExp(`^(\\[[0-9a-f:.]+\\]|${LABEL}(?:\\.${LABEL})*)\\.?(?::([0-9]{1,5}))?$`);

/** A Host header (or X-Forwarded-Host) split into name and port, or null when it is malformed. */
export function parseHost(value: string | null | undefined): { hostname: string; port: number | null } | null {
  if (!value || value.length > 300) return null;
  const match = HOST_PATTERN.exec(value.toLowerCase());
  if (!match) return null;
  const port = match[2] === undefined ? null : Number(match[2]);
  if (port !== null && port > 65535) return null;
  return { hostname: match[1], port };
}

/** The names a server without PUBLIC_URL answers to by default: this machine's own. */
export function defaultAllowedHosts(): AllowedHost[] {
  const names = ["localhost", "127.0.0.1", "[::1]", os.hostname()];
  return [...new Set(names.map((name) => name.toLowerCase()))].map((hostname) => ({ hostname, port: null }));
}

/** Parses ALLOWED_HOSTS (comma-separated `name`, `name:port` or `*`); throws naming a bad entry. */
export function parseAllowedHosts(raw: string): AllowedHosts {
  const entries = raw
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.includes("*")) return "any";
  return entries.map((entry) => {
    const host = parseHost(entry);
    if (!host) throw new Error(`ALLOWED_HOSTS holds "${entry}", which is not a host name, IP address or [IPv6] literal with an optional :port`);
    return host;
  });
}

/** Whether a request naming this host (its Host or trusted X-Forwarded-Host header) is served. */
export function isAllowedHost(value: string | null | undefined, allowed: AllowedHosts): boolean {
  const host = parseHost(value);
  if (!host) return false;
  if (allowed === "any") return true;
  return allowed.some((entry) => entry.hostname === host.hostname && (entry.port === null || entry.port === host.port));
}
