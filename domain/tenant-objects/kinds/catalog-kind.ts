import { childOf } from "../tenant-object-kind";

/**
 * What API and event definitions have alike as kinds: under an application
 * (at most 10,000 each), in one of its bundles (`group`) or none, and called
 * by their name in messages and audit events.
 */
export const IN_APPLICATION_CATALOG = {
  ...childOf("APPLICATION", 10_000),
  group: { type: "BUNDLE", column: "bundleId" },
  title: (row: { name: string }) => row.name,
} as const;
