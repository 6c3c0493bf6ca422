/**
 * Certificate subjects as Compass writes them: `C=DE, L=Walldorf, O=Org, OU=Unit, CN=name`,
 * relative distinguished names separated by commas (or `+` inside one), each `KEY=value`.
 * Shared by the certificate subject mappings (their input and sorted form) and the Connector
 * (the subject a CSR must carry, and who a client certificate is).
 */

export interface SubjectParts {
  country: string;
  organization: string;
  organizationalUnits: string[];
  locality: string;
  province: string;
  commonName: string;
}

/** The attributes a subject may carry here: Compass's six, and nothing a CA would have to guess at. */
const KNOWN_ATTRIBUTES = new Set(["C", "O", "OU", "L", "ST", "CN"]);

export class SubjectFormatError extends Error {}

/**
 * The parts of a subject written as text. Refuses what Compass's validator refuses (fewer than five
 * components; a missing C, O, OU, L or CN) and, beyond it, components that are not `KEY=value` with one
 * of the known keys, and escaped separators (`\,`), which Compass's own parsing splits wrongly.
 */
export function parseSubject(text: string): SubjectParts {
  if (text.includes("\\")) throw new SubjectFormatError("escaped characters (\\) are not supported in a subject");
  const components = text.split(/[,+]/).map((part) => part.trim());
  if (components.length < 5) {
    throw new SubjectFormatError(`the subject has ${components.length} attributes, and needs at least 5: C, O, OU, L and CN`);
  }
  const values = new Map<string, string[]>();
  for (const component of components) {
    const match = /^([A-Za-z]+)=(.+)$/s.exec(component);
    if (!match) throw new SubjectFormatError(`"${component.slice(0, 40)}" is not KEY=value`);
    const key = match[1].toUpperCase();
    if (!KNOWN_ATTRIBUTES.has(key)) throw new SubjectFormatError(`unknown attribute ${match[1]} (use C, O, OU, L, ST and CN)`);
    values.set(key, [...(values.get(key) ?? []), match[2].trim()]);
  }
  const first = (key: string) => values.get(key)?.[0] ?? "";
  const parts: SubjectParts = {
    country: first("C"),
    organization: first("O"),
    organizationalUnits: values.get("OU") ?? [],
    locality: first("L"),
    province: first("ST"),
    commonName: first("CN"),
  };
  if (!parts.country) throw new SubjectFormatError("missing Country (C) in the subject");
  if (!parts.organization) throw new SubjectFormatError("missing Organization (O) in the subject");
  if (parts.organizationalUnits.length === 0) throw new SubjectFormatError("missing Organizational Unit (OU) in the subject");
  if (!parts.locality) throw new SubjectFormatError("missing Locality (L) in the subject");
  if (!parts.commonName) throw new SubjectFormatError("missing Common Name (CN) in the subject");
  return parts;
}

/** Byte order of the UTF-8 forms, as Go's sort.Strings sorts (Compass sorts the OUs so). */
const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * Compass's sorted form of a subject (its certsubjectmapping resolver's sortSubject): CN, the OUs in
 * byte order, O, L, C, joined by ", ". A mapping is stored and answered so, and a certificate's subject
 * is looked up so, whatever order either was written in.
 */
export function sortedSubject(parts: SubjectParts): string {
  const units = [...parts.organizationalUnits].sort(byUtf8).map((unit) => `OU=${unit}`);
  return [`CN=${parts.commonName}`, units.join(", "), `O=${parts.organization}`, `L=${parts.locality}`, `C=${parts.country}`].join(", ");
}
