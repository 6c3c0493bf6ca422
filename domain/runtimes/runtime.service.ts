import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { operationsOf } from "@/domain/tenant-objects/tenant-object.service";

/**
 * The tenant-object operations (domain/tenant-objects/) named for runtimes,
 * for the callers that name the kind (tests and scripts; the API reaches every
 * kind through graphql/tenant-objects/). What differs from applications is the
 * descriptor, domain/tenant-objects/kinds/runtime.ts.
 */
export const { register: registerRuntime } = operationsOf(RUNTIME);
