import unhomoglyph from "unhomoglyph";
import type { Db } from "./db";
import { isUniqueViolation } from "./db-errors";
import { log } from "./logger";

/**
 * The key that makes names unique: two names that look the same have the
 * same skeleton, whatever their case ("Admin", "ADMIN", "Аdmin" with a
 * Cyrillic А, "0ffice" and "Office").
 *
 * The skeleton of Unicode UTS #39 (section 4): NFD, then each character
 * replaced by its prototype from the Unicode confusables table
 * (confusables.txt, through the `unhomoglyph` package, which ships it), then
 * NFD again. Case is folded on both sides of the mapping, because the table
 * maps to prototypes of either case ("0" to "O", "m" to "rn"). Server-side
 * only: the table is 100 kB, and the forms need only lib/names.ts's rules.
 *
 * Not for display or ordering: "m" becomes "rn".
 */
export function nameSkeleton(name: string): string {
  const folded = unhomoglyph(name.normalize("NFD").toLowerCase()).toLowerCase();
  return unhomoglyph(folded).normalize("NFD").replace(/\s+/g, " ");
}

/**
 * Brings every stored skeleton up to date: after the migration that added
 * them (which could only copy the lower-cased name) and whenever the
 * confusables table changes with a new `unhomoglyph`. Rows that already look
 * like another are left as they are and named in the log for an admin to
 * rename: nothing is renamed behind anyone's back. Runs at start-up.
 */
export async function refreshNameSkeletons(db: Db): Promise<{ updated: number; lookAlikes: number }> {
  let updated = 0;
  let lookAlikes = 0;
  const refresh = async (
    kind: string,
    rows: { id: string; name: string; nameSkeleton: string }[],
    save: (id: string, skeleton: string) => Promise<unknown>,
  ) => {
    for (const row of rows) {
      const skeleton = nameSkeleton(row.name);
      if (skeleton === row.nameSkeleton) continue;
      try {
        await save(row.id, skeleton);
        updated++;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        lookAlikes++;
        log.warn(`an ${kind} looks the same as another one: rename one of them`, { id: row.id, name: row.name });
      }
    }
  };
  const select = { id: true, name: true, nameSkeleton: true } as const;
  await refresh("integration system", await db.integrationSystem.findMany({ select }), (id, nameSkeleton) =>
    db.integrationSystem.update({ where: { id }, data: { nameSkeleton } }),
  );
  await refresh("application", await db.application.findMany({ select }), (id, nameSkeleton) =>
    db.application.update({ where: { id }, data: { nameSkeleton } }),
  );
  return { updated, lookAlikes };
}
