/**
 * Which of Kyma Compass's director domains this product speaks, in Compass's
 * own GraphQL names (issue 22). The API docs page shows these lists and the
 * README's "Compass compatibility" section names the same domains
 * (test/compass-compatibility-docs.test.ts keeps the two in step).
 */
export interface CompassDomain {
  name: string;
  note?: string;
}

export const SPOKEN: readonly CompassDomain[] = [
  { name: "Integration systems", note: "and their client credentials" },
  { name: "Applications", note: "Compass's full Application shape" },
  { name: "Runtimes" },
  { name: "Runtime contexts" },
  { name: "Webhooks", note: "stored, validated and returned; not yet called" },
  { name: "Labels and label definitions", note: "with Compass's label filters" },
  { name: "Scenarios", note: "the scenarios label, as before formations" },
  { name: "Tenants and tenant access" },
  { name: "Application templates", note: "global; registerApplicationFromTemplate in a tenant" },
];

export const NOT_YET: readonly CompassDomain[] = [
  { name: "Bundles, API and event definitions, documents", note: "an application's bundles answer an empty page" },
  { name: "One-time tokens, Connector and certificates" },
  { name: "Formations" },
  { name: "Formation templates and constraints" },
  { name: "Operations", note: "an application's operations answer an empty list" },
  { name: "Certificate subject mappings" },
];
