import { type Application, Prisma } from "@/generated/prisma-sqlite/client";
import { SCOPES } from "@/lib/scopes";
import { validNamedInput } from "@/domain/validation/validation";
import { type NamedObjectInput, defineKind } from "../tenant-object-kind";

export interface ApplicationRegisterInput extends NamedObjectInput {
  integrationSystemID?: string | null;
}

/** Applications: a name and a description; a user registering one may name the integration system that manages it. */
export const APPLICATION = defineKind<Application, ApplicationRegisterInput, unknown>({
  type: "APPLICATION",
  table: "Application",
  model: (db) => db.application,
  scalarFields: Prisma.ApplicationScalarFieldEnum,
  dateColumns: ["createdAt", "updatedAt"],
  nouns: { a: "an application", one: "application", many: "applications" },
  audit: { registered: "APPLICATION_REGISTERED", updated: "APPLICATION_UPDATED", unregistered: "APPLICATION_UNREGISTERED" },
  scopes: { read: SCOPES.applicationRead, write: SCOPES.applicationWrite },
  manager: "registrar-or-named",
  validate: (input) => validNamedInput(input),
  credentials: true,
});
