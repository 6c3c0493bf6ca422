import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { getConfig, resetConfig } from "./config";
import { allowsAddress, allowsName, isLocalName, isNonPublicAddress, parseWebhookAllowedHosts } from "./webhook-hosts";

const saved = process.env.WEBHOOK_ALLOWED_HOSTS;
afterEach(() => {
  if (saved === undefined) delete process.env.WEBHOOK_ALLOWED_HOSTS;
  else process.env.WEBHOOK_ALLOWED_HOSTS = saved;
  resetConfig();
});

test("every non-public class of address is refused, IPv4 forms carried in IPv6 included", () => {
  const nonPublic = [
    "127.0.0.1",
    "127.255.255.254",
    "0.0.0.0",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "192.0.2.1",
    "198.18.0.1",
    "224.0.0.251",
    "255.255.255.255",
    "240.0.0.1",
    "::",
    "::1",
    "fe80::1",
    "fc00::1",
    "fd00:ec2::254",
    "ff02::1",
    "2001:db8::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:a9fe:a9fe",
    "::127.0.0.1",
    "::ffff:0:10.0.0.1",
    "64:ff9b::7f00:1",
    "2002:7f00:1::1",
    "2001:0:4136:e378:8000:63bf:80ff:fffe",
    "fe80::1%eth0",
    "not-an-ip",
  ];
  for (const address of nonPublic) assert.equal(isNonPublicAddress(address), true, address);
  const publicOnes = ["93.184.216.34", "8.8.8.8", "172.32.0.1", "192.169.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"];
  for (const address of publicOnes) assert.equal(isNonPublicAddress(address), false, address);
});

test("local names are local whatever DNS says: localhost and its look-alikes, mDNS and internal suffixes, single labels", () => {
  for (const name of [
    "localhost",
    "LOCALHOST.",
    "localhost..",
    "a.b.localhost",
    "printer.local",
    "metadata.google.internal",
    "svc.cluster.local",
    "db",
    "x.home.arpa",
  ]) {
    assert.equal(isLocalName(name), true, name);
  }
  for (const name of ["example.com", "localhost.example.com", "hooks.example.org."]) assert.equal(isLocalName(name), false, name);
});

test("WEBHOOK_ALLOWED_HOSTS: names, *.suffixes, IP literals and CIDR ranges, each exact", () => {
  const policy = parseWebhookAllowedHosts("Hooks.Corp.Internal., *.lab.internal, 10.20.0.0/16, 192.168.1.7, [fd00:1::]/64");
  assert.equal(allowsName(policy, "hooks.corp.internal"), true);
  assert.equal(allowsName(policy, "HOOKS.corp.internal."), true);
  assert.equal(allowsName(policy, "x.hooks.corp.internal"), false);
  assert.equal(allowsName(policy, "a.b.lab.internal"), true);
  assert.equal(allowsName(policy, "lab.internal"), false);
  assert.equal(allowsName(policy, "evil-lab.internal"), false);
  assert.equal(allowsAddress(policy, "10.20.255.1"), true);
  assert.equal(allowsAddress(policy, "10.21.0.1"), false);
  assert.equal(allowsAddress(policy, "192.168.1.7"), true);
  assert.equal(allowsAddress(policy, "192.168.1.8"), false);
  assert.equal(allowsAddress(policy, "fd00:1::9"), true);
  assert.equal(allowsAddress(policy, "fd00:2::9"), false);
});

test("WEBHOOK_ALLOWED_HOSTS refuses what would turn the check off or cannot be read, naming the entry", () => {
  for (const raw of ["*", "hooks.example.com, *", "10.0.0.0/33", "::1/129", "host name", "a/b", "http://x.example.com", "*.", "-bad-.example"]) {
    assert.throws(() => parseWebhookAllowedHosts(raw), /WEBHOOK_ALLOWED_HOSTS holds "/, raw);
  }
  assert.throws(() => parseWebhookAllowedHosts(Array.from({ length: 201 }, (_, i) => `h${i}.example.com`).join(",")), /at most 200/);
});

test("lib/config.ts reads WEBHOOK_ALLOWED_HOSTS once, and a bad value stops start-up naming it", () => {
  delete process.env.WEBHOOK_ALLOWED_HOSTS;
  resetConfig();
  assert.deepEqual(getConfig().webhookAllowedHosts.entries, []);
  process.env.WEBHOOK_ALLOWED_HOSTS = "hooks.corp.internal,10.0.0.0/8";
  resetConfig();
  assert.deepEqual(getConfig().webhookAllowedHosts.entries, ["hooks.corp.internal", "10.0.0.0/8"]);
  process.env.WEBHOOK_ALLOWED_HOSTS = "*";
  resetConfig();
  assert.throws(() => getConfig(), /WEBHOOK_ALLOWED_HOSTS/);
});
