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
  { name: "Default eventing for applications", note: "the runtime an application's events go to, chosen or the oldest in its scenarios" },
  { name: "Tenants and tenant access" },
  { name: "Certificate subject mappings", note: "admins only; the subject answered in Compass's sorted form" },
  { name: "One-time tokens, Connector and certificates", note: "the Connector at /connector/graphql; client-certificate sign-in" },
  { name: "Bundles", note: "with their API and event definitions and documents, nested in registerApplication too" },
  { name: "API and event definitions", note: "specs stored as given or fetched from their fetchRequest, refetchAPISpec" },
  { name: "Documents of bundles" },
  { name: "Integration dependencies" },
  { name: "Bundle instance auths", note: "a runtime's credentials for a bundle: requested, set, read by that runtime only, deleted" },
  { name: "Application templates", note: "global; registerApplicationFromTemplate in a tenant" },
  { name: "Formations", note: "on the scenarios label; subaccounts as automatic scenario assignments; no notifications sent" },
  { name: "Formation templates and constraints", note: "global; constraints stored, not enforced" },
  { name: "Operations", note: "ORD aggregation, scheduled for an application with an ORD webhook; not run" },
];

/** Every domain of Compass's examples is spoken (decision 0036). */
export const NOT_YET: readonly CompassDomain[] = [];
