/**
 * The naming rules the API enforces, as plain functions without server
 * dependencies, so the console checks them as the user types with exactly the
 * server's words.
 */

export const NAME_MAX = 64;
export const DESCRIPTION_MAX = 2000;
// Unicode letters and decimal digits, space, '-', '_', '.'; the first character a
// letter or digit. Combining marks may follow a character: scripts such as
// Devanagari ("हिन्दी") write letters with them even after NFC normalisation.
const NAME_PATTERN = /^[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd} ._-]*$/u;

/** Lengths count characters (code points), not UTF-16 units. */
export const lengthOf = (value: string) => [...value].length;

/** A name as it is stored: trimmed and NFC-normalised. */
export const normalizeName = (name: string) => name.trim().normalize("NFC");

// Code points that show nothing (or only change how their neighbour looks):
// "Admin" + U+034F or U+FE0F renders exactly as "Admin". Default_Ignorable_Code_Point
// covers the combining grapheme joiner, variation selectors, zero-width characters,
// bidi controls and fillers such as U+3164; Cf adds the other format characters.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Variation_Selector}]/u;

// Scripts whose letters stand in for one another (UTS #39, "mixed-script
// confusables"): "Аdmin" with a Cyrillic А. One word may use one of them.
const LOOKALIKE_SCRIPTS: [string, RegExp][] = [
  ["Latin", /\p{Script_Extensions=Latin}/u],
  ["Cyrillic", /\p{Script_Extensions=Cyrillic}/u],
  ["Greek", /\p{Script_Extensions=Greek}/u],
];

export const INVISIBLE_CHARACTER_MESSAGE = "Name must not hold invisible characters (zero-width, joiners, variation selectors, direction marks)";

/** The scripts among Latin, Cyrillic and Greek that one word of a name mixes, or null. */
function mixedScripts(name: string): string[] | null {
  for (const word of name.split(/[ ._-]+/)) {
    const found = LOOKALIKE_SCRIPTS.filter(([, pattern]) => [...word].some((char) => /\p{L}/u.test(char) && pattern.test(char)));
    // A letter in two of them at once (Script_Extensions) would count for both; none is in these three.
    if (found.length > 1) return found.map(([script]) => script);
  }
  return null;
}

/** What is wrong with a (normalised) name, or null when it is valid. */
export function nameProblem(
  name: string,
  pattern = NAME_PATTERN,
  patternMessage = "Name may hold only letters, digits, spaces, '-', '_' and '.', and must start with a letter or digit",
): string | null {
  if (lengthOf(name) < 1) return "Name must not be empty";
  if (lengthOf(name) > NAME_MAX) return `Name must be at most ${NAME_MAX} characters, got ${lengthOf(name)}`;
  if (INVISIBLE.test(name)) return INVISIBLE_CHARACTER_MESSAGE;
  if (!pattern.test(name)) return patternMessage;
  const scripts = mixedScripts(name);
  if (scripts) return `A word of a name must not mix ${scripts.join(" and ")} letters, which look alike`;
  return null;
}

// A tenant is a customer, named as the customer is ("Procter & Gamble",
// "Smith, Jones & Co."): Compass's BusinessTenantMappingInput takes any name.
// Beyond a system's name, punctuation and symbols; still a letter or digit first.
const TENANT_NAME_PATTERN = /^[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}\p{P}\p{S} ]*$/u;

/** What is wrong with a (normalised) tenant name, or null when it is valid: a name's rules, with punctuation and symbols allowed. */
export const tenantNameProblem = (name: string): string | null =>
  nameProblem(name, TENANT_NAME_PATTERN, "Name may hold letters, digits, spaces, punctuation and symbols, and must start with a letter or digit");

/** What is wrong with a (trimmed) description, or null when it is valid. */
export function descriptionProblem(description: string): string | null {
  const length = lengthOf(description);
  return length > DESCRIPTION_MAX ? `Description must be at most ${DESCRIPTION_MAX} characters, got ${length}` : null;
}

export const EXTERNAL_ID_MAX = 64;
// ASCII only: a tenant's external id travels in an HTTP header, and callers
// copy it between systems that may disagree about anything beyond these.
const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** What is wrong with a (trimmed) tenant external id, or null when it is valid. */
export function externalIdProblem(externalId: string): string | null {
  const length = lengthOf(externalId);
  if (length < 1) return "External id must not be empty";
  if (length > EXTERNAL_ID_MAX) return `External id must be at most ${EXTERNAL_ID_MAX} characters, got ${length}`;
  if (!EXTERNAL_ID_PATTERN.test(externalId)) {
    return "External id may hold only ASCII letters, digits, '-', '_' and '.', and must start with a letter or digit";
  }
  return null;
}
