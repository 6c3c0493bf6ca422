import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { operationsOf } from "@/domain/tenant-objects/tenant-object.service";

/**
 * The tenant-object operations (domain/tenant-objects/) named for
 * applications, for the callers that name the kind (tests and scripts; the
 * API reaches every kind through graphql/tenant-objects/). The rules are the
 * core's; what differs is the descriptor, domain/tenant-objects/kinds/application.ts.
 */
export const {
  register: registerApplication,
  update: updateApplication,
  unregister: unregisterApplication,
  find: findApplication,
  list: listApplications,
  listOfSystem: listApplicationsOfSystem,
} = operationsOf(APPLICATION);
