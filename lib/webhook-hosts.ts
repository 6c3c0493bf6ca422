import { BlockList, isIP } from "node:net";

/**
 * Which outbound targets are refused as server-side request forgery, and the
 * operator's exceptions (WEBHOOK_ALLOWED_HOSTS, which cover every outbound
 * call: webhooks and fetched specs). Pure: lib/config.ts parses the list with
 * it, domain/webhooks/webhook-url.ts judges a webhook's URL when it is stored,
 * and lib/outbound-fetch.ts judges each URL it fetches, again at connect time
 * (DNS answers change), docs/decisions/0023 and 0029.
 */

/** WEBHOOK_ALLOWED_HOSTS parsed: names (exact or `*.suffix`) and address ranges. */
export interface WebhookHostPolicy {
  /** Lower-case names without a trailing dot. */
  names: ReadonlySet<string>;
  /** `*.corp.example` entries as `.corp.example`: any name under it (not the suffix itself). */
  suffixes: readonly string[];
  /** IP literals and CIDR ranges the operator allows. */
  ranges: BlockList;
  /** The entries as given, for the start-up log and error messages. */
  entries: readonly string[];
}

export const NO_WEBHOOK_EXCEPTIONS: WebhookHostPolicy = { names: new Set(), suffixes: [], ranges: new BlockList(), entries: [] };

const LABEL = "[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?";
const NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const MAX_ENTRIES = 200;

/** The name as compared: lower case, trailing dots gone (`localhost.` is `localhost`). */
const normalHostName = (name: string) => name.toLowerCase().replace(/\.+$/, "");

/** Parses WEBHOOK_ALLOWED_HOSTS (comma-separated names, `*.suffix`, IP literals, CIDR ranges); throws naming a bad entry. */
export function parseWebhookAllowedHosts(raw: string, variable = "WEBHOOK_ALLOWED_HOSTS"): WebhookHostPolicy {
  const entries = [
    ...new Set(
      raw
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  ];
  if (entries.length > MAX_ENTRIES) throw new Error(`${variable} holds ${entries.length} entries; at most ${MAX_ENTRIES}`);
  const names = new Set<string>();
  const suffixes: string[] = [];
  const ranges = new BlockList();
  for (const entry of entries) {
    const bad = (why: string) => new Error(`${variable} holds "${entry}": ${why}`);
    const lower = entry.toLowerCase();
    if (lower === "*" || lower === "*.") throw bad("a wildcard for every host would turn the server-side request forgery check off; name the hosts or ranges");
    const cidr = /^([^/]+)\/(\d{1,3})$/.exec(lower);
    const literal = (cidr ? cidr[1] : lower).replace(/^\[(.*)\]$/, "$1");
    const family = isIP(literal);
    if (family) {
      const prefix = cidr ? Number(cidr[2]) : family === 4 ? 32 : 128;
      if (prefix > (family === 4 ? 32 : 128)) throw bad("the prefix length is too long for the address");
      ranges.addSubnet(literal, prefix, family === 4 ? "ipv4" : "ipv6");
    } else if (cidr) {
      throw bad("a range must be an IPv4 or IPv6 address with a prefix length, e.g. 10.1.0.0/16");
    } else if (lower.startsWith("*.") && NAME.test(normalHostName(lower.slice(2)))) {
      suffixes.push(`.${normalHostName(lower.slice(2))}`);
    } else if (NAME.test(normalHostName(lower))) {
      names.add(normalHostName(lower));
    } else {
      throw bad("not a host name, `*.domain`, IP address or CIDR range");
    }
  }
  return { names, suffixes, ranges, entries };
}

/** Whether the operator allows this host name. */
export function allowsName(policy: WebhookHostPolicy, name: string): boolean {
  const host = normalHostName(name);
  return policy.names.has(host) || policy.suffixes.some((suffix) => host.endsWith(suffix));
}

/** Whether the operator allows this address. */
export function allowsAddress(policy: WebhookHostPolicy, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && policy.ranges.check(address, family === 4 ? "ipv4" : "ipv6");
}

// Every range that is not the public internet: unspecified, "this network",
// private, shared (CGNAT), loopback, link-local (cloud metadata at
// 169.254.169.254), IETF protocol assignments, documentation, benchmarking,
// multicast, reserved and broadcast.
const BLOCKED_V4: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];
// IPv6: unspecified, loopback, discard, documentation, unique local (AWS's
// metadata fd00:ec2::254 among them), site-local, link-local and multicast.
// Forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo)
// are judged by that address (embeddedIPv4).
const BLOCKED_V6: [string, number][] = [
  ["::", 128],
  ["::1", 128],
  ["100::", 64],
  ["2001:db8::", 32],
  ["2001::", 32],
  ["fc00::", 7],
  ["fec0::", 10],
  ["fe80::", 10],
  ["ff00::", 8],
];
const BLOCKED = new BlockList();
for (const [address, prefix] of BLOCKED_V4) BLOCKED.addSubnet(address, prefix, "ipv4");
for (const [address, prefix] of BLOCKED_V6) BLOCKED.addSubnet(address, prefix, "ipv6");

/** The 16 bytes of an IPv6 literal (`::` and a dotted IPv4 tail expanded). */
function ipv6Bytes(address: string): number[] {
  let text = address.toLowerCase().split("%")[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  return groups.flatMap((group) => {
    const value = Number.parseInt(group || "0", 16);
    return [value >> 8, value & 0xff];
  });
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4, Teredo), or null. */
function embeddedIPv4(address: string): string | null {
  const bytes = ipv6Bytes(address);
  const v4 = (at: number[]) => at.join(".");
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible, deprecated), ::ffff:0:a.b.c.d (translated)
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return v4(bytes.slice(12));
  if (zeros(0, 12) && !zeros(12, 16)) return v4(bytes.slice(12));
  if (zeros(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zeros(10, 12)) return v4(bytes.slice(12));
  // 64:ff9b::/96 and 64:ff9b:1::/48 (NAT64)
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b) return v4(bytes.slice(12));
  // 2002:a.b.c.d::/48 (6to4)
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return v4(bytes.slice(2, 6));
  // 2001:0000::/32 (Teredo): the client's address, inverted
  if (bytes[0] === 0x20 && bytes[1] === 0x01 && bytes[2] === 0 && bytes[3] === 0) return v4(bytes.slice(12).map((byte) => byte ^ 0xff));
  return null;
}

/** Whether an IP address is outside the public internet (private, loopback, link-local, metadata, ...). */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, "ipv4");
  if (family !== 6) return true;
  const v4 = embeddedIPv4(address);
  if (v4 !== null && BLOCKED.check(v4, "ipv4")) return true;
  return BLOCKED.check(address.split("%")[0], "ipv6");
}

// Names that mean this machine or a private network whatever DNS says:
// RFC 6761's localhost, mDNS's .local, and the suffixes clouds and clusters
// use for internal services (metadata.google.internal, *.svc.cluster.local).
const LOCAL_NAMES = new Set(["localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", "metadata", "instance-data"]);
const LOCAL_SUFFIXES = [".localhost", ".local", ".localdomain", ".internal", ".intranet", ".lan", ".home.arpa", ".cluster.local"];

/** Whether a host name names a local or internal host by itself, before any DNS. */
export function isLocalName(name: string): boolean {
  const host = normalHostName(name);
  return LOCAL_NAMES.has(host) || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix)) || !host.includes(".");
}

/**
 * A URL's host judged before any DNS: allowed outright (an exception the
 * operator names, or a public IP literal), refused with why (a non-public IP
 * literal, a local name), or a name whose addresses decide (refusedAddress).
 */
export type HostJudgement = { verdict: "allowed" } | { verdict: "refused"; why: string } | { verdict: "resolve"; name: string };

/** What a refusal of resolved addresses says (the address itself stays out of messages). */
export const RESOLVES_INSIDE = "resolves to an address that is not public";

/** Judges `hostname` as a URL gives it (an IPv6 literal in brackets). */
export function judgeHost(policy: WebhookHostPolicy, hostname: string): HostJudgement {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(bare)) {
    return isNonPublicAddress(bare) && !allowsAddress(policy, bare) ? { verdict: "refused", why: "is not a public address" } : { verdict: "allowed" };
  }
  const name = normalHostName(bare);
  if (allowsName(policy, name)) return { verdict: "allowed" };
  if (isLocalName(name)) return { verdict: "refused", why: "names this machine or an internal network" };
  return { verdict: "resolve", name };
}

/** The first address that is not public and not an exception, or undefined: any such answer refuses the name. */
export function refusedAddress(policy: WebhookHostPolicy, addresses: readonly string[]): string | undefined {
  return addresses.find((address) => isNonPublicAddress(address) && !allowsAddress(policy, address));
}
