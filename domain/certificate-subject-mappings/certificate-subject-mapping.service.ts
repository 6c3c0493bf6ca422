import type { CertificateSubjectMapping } from "@/generated/prisma-sqlite/client";
import { Prisma } from "@/generated/prisma-sqlite/client";
import type { Db, Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import { isStorableText } from "@/lib/text";
import { CONSUMER_TYPES, TENANT_ACCESS_LEVELS } from "@/lib/certificate-subject-rules";
import { SubjectFormatError, parseSubject, sortedSubject } from "@/lib/x509-subject";
import { auditorOf } from "@/domain/audit/audit.service";
import type { Principal } from "@/domain/principals/principal";
import { type LazyPage, checkPageSize } from "@/domain/paging/cursor";
import { BY_CREATED_AT, keyset, keysetPage } from "@/domain/paging/keyset";
import { badInput, conflict, notFound } from "@/domain/errors";
import { type AuditedKind, createAudited, updateAudited } from "@/domain/audited-writes";

/**
 * Compass's certificate subject mappings: which consumer a client certificate with a subject is, and with
 * which tenant access levels. Global (no tenant), changed only by admins (the resolvers check), audited.
 * Validated as Compass's CertificateSubjectMappingInput.Validate: subject 1-255 characters with C, O, OU,
 * L and CN; one of Compass's consumer types; internalConsumerID 1-255; tenant access levels from its list.
 */

/** Compass's bound on each of the input's strings (validation.Length(1, 255)). */
const MAX_LENGTH = 255;

export interface CertificateSubjectMappingInput {
  subject: string;
  consumerType: string;
  internalConsumerID?: string | null;
  tenantAccessLevels: readonly string[];
}

interface ValidMapping {
  subject: string;
  consumerType: string;
  internalConsumerId: string | null;
  tenantAccessLevels: string;
}

function boundedText(value: string, field: string): string {
  if (value.length < 1 || value.length > MAX_LENGTH) throw badInput(field, `${field} must be 1 to ${MAX_LENGTH} characters, got ${value.length}`);
  if (!isStorableText(value)) throw badInput(field, `${field} holds characters that cannot be stored (a NUL or a lone surrogate)`);
  return value;
}

function validMapping(input: CertificateSubjectMappingInput): ValidMapping {
  const subjectText = boundedText(input.subject, "in.subject");
  let subject: string;
  try {
    subject = sortedSubject(parseSubject(subjectText));
  } catch (error) {
    if (error instanceof SubjectFormatError) throw badInput("in.subject", `Invalid certificate subject: ${error.message}`);
    throw error;
  }
  const consumerType = boundedText(input.consumerType, "in.consumerType");
  if (!(CONSUMER_TYPES as readonly string[]).includes(consumerType)) {
    throw badInput("in.consumerType", `consumer type "${consumerType.slice(0, 60)}" is not valid: use one of ${CONSUMER_TYPES.join(", ")}`);
  }
  const internalConsumerId =
    input.internalConsumerID === null || input.internalConsumerID === undefined ? null : boundedText(input.internalConsumerID, "in.internalConsumerID");
  if (input.tenantAccessLevels.length === 0) throw badInput("in.tenantAccessLevels", "in.tenantAccessLevels is required: give at least one level");
  for (const level of input.tenantAccessLevels) {
    if (!(TENANT_ACCESS_LEVELS as readonly string[]).includes(level)) {
      throw badInput("in.tenantAccessLevels", `tenant access level "${level.slice(0, 60)}" is not valid: use ${TENANT_ACCESS_LEVELS.join(", ")}`);
    }
  }
  // Kept in the order given, repeats folded: Compass's e2e tests compare the list as sent.
  const levels = [...new Set(input.tenantAccessLevels)];
  return { subject, consumerType, internalConsumerId, tenantAccessLevels: JSON.stringify(levels) };
}

/** The levels of a stored mapping. */
export const accessLevelsOf = (mapping: Pick<CertificateSubjectMapping, "tenantAccessLevels">): string[] => JSON.parse(mapping.tenantAccessLevels);

const duplicateSubject = (subject: string) =>
  conflict(`A certificate subject mapping for "${subject}" already exists (subjects are compared in sorted form)`, "in.subject");

function auditedFields(mapping: ValidMapping | CertificateSubjectMapping) {
  return {
    subject: mapping.subject,
    consumerType: mapping.consumerType,
    internalConsumerID: mapping.internalConsumerId,
    tenantAccessLevels: JSON.parse(mapping.tenantAccessLevels),
  };
}

const audit = auditorOf<CertificateSubjectMapping>("CertificateSubjectMapping", (mapping) => mapping.subject);

const KIND: AuditedKind<CertificateSubjectMapping> = {
  noun: "certificate subject mapping",
  actions: { created: "CERTIFICATE_SUBJECT_MAPPING_CREATED", updated: "CERTIFICATE_SUBJECT_MAPPING_UPDATED" },
  find: (tx, id) => tx.certificateSubjectMapping.findUnique({ where: { id } }),
  audit,
  auditedFields,
};

export async function createCertificateSubjectMapping(db: Db, actor: Principal, input: CertificateSubjectMappingInput): Promise<CertificateSubjectMapping> {
  const valid = validMapping(input);
  const create = (tx: Tx) => tx.certificateSubjectMapping.create({ data: { id: newId(), ...valid } });
  return createAudited(db, actor, KIND, create, () => duplicateSubject(valid.subject));
}

export async function updateCertificateSubjectMapping(
  db: Db,
  actor: Principal,
  id: string,
  input: CertificateSubjectMappingInput,
): Promise<CertificateSubjectMapping> {
  const valid = validMapping(input);
  const update = (tx: Tx) => tx.certificateSubjectMapping.update({ where: { id }, data: valid });
  return updateAudited(db, actor, id, KIND, update, () => duplicateSubject(valid.subject));
}

export async function deleteCertificateSubjectMapping(db: Db, actor: Principal, id: string): Promise<CertificateSubjectMapping> {
  return db.$transaction(async (tx) => {
    const mapping = await tx.certificateSubjectMapping.findUnique({ where: { id } });
    if (!mapping) throw notFound("certificate subject mapping", id, "deleting it");
    await tx.certificateSubjectMapping.delete({ where: { id } });
    await audit(tx, actor, "CERTIFICATE_SUBJECT_MAPPING_DELETED", mapping, auditedFields(mapping));
    return mapping;
  });
}

/** Compass types `certificateSubjectMapping(id)` non-null, so an unknown id is NOT_FOUND rather than null. */
export async function getCertificateSubjectMapping(db: Db, id: string): Promise<CertificateSubjectMapping> {
  const mapping = await db.certificateSubjectMapping.findUnique({ where: { id } });
  if (!mapping) throw notFound("certificate subject mapping", id, "reading it");
  return mapping;
}

/** The mapping of a certificate's subject (in any attribute order), if any: who a certificate from an outside CA is. */
export async function findMappingForSubject(db: Db, subject: string): Promise<CertificateSubjectMapping | null> {
  let sorted: string;
  try {
    sorted = sortedSubject(parseSubject(subject));
  } catch (error) {
    if (error instanceof SubjectFormatError) return null;
    throw error;
  }
  return db.certificateSubjectMapping.findUnique({ where: { subject: sorted } });
}

const OLDEST_FIRST = keyset<CertificateSubjectMapping>("certificateSubjectMappings", BY_CREATED_AT, "ASC");

export async function listCertificateSubjectMappings(db: Db, args: { first: number; after?: string | null }): Promise<LazyPage<CertificateSubjectMapping>> {
  const first = checkPageSize(args.first);
  return keysetPage(
    db,
    { table: "CertificateSubjectMapping", rowsByIds: (ids) => db.certificateSubjectMapping.findMany({ where: { id: { in: ids } } }) },
    { matches: Prisma.sql`1 = 1`, keyset: OLDEST_FIRST, first, after: args.after },
  );
}
