/**
 * Kyma Compass's example documents (test/fixtures/compass/examples, byte for
 * byte as Compass's e2e run wrote them) for the per-domain tests that send
 * them as a Compass client would.
 *
 * Compass's run filled in the ids its own objects got (UUIDs, and tenant ids
 * of its test tenants). This run's objects have other ids, so a test names
 * each such value and what it stands for here: `exampleDocument(folder, file,
 * { "<Compass's id>": app.id })`. Nothing else in the text may change, and a
 * replacement that matches nothing fails the test, so a refreshed fixture
 * cannot silently stop exercising what the test claims.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

export const EXAMPLES_DIR = path.join(import.meta.dirname, "fixtures/compass/examples");

/** The folders and files of every example, as `<folder>/<file>.graphql` under EXAMPLES_DIR (register-application holds four). */
export function exampleFiles(folder?: string): string[] {
  const root = folder ? path.join(EXAMPLES_DIR, folder) : EXAMPLES_DIR;
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".graphql"))
    .map((file) => (folder ? `${folder}/${file}` : file))
    .sort();
}

/**
 * One example's text with Compass's run-specific values swapped for this
 * run's. `file` defaults to `<folder>.graphql`. A list of values replaces
 * the occurrences one by one, in order, and must name each: Compass's example
 * writer made every id the same placeholder, so `runtime(id: …) {
 * runtimeContext(id: …) }` holds it twice for two different objects.
 */
export function exampleDocument(folder: string, file: string = `${folder}.graphql`, values: Record<string, string | readonly string[]> = {}): string {
  let text = fs.readFileSync(path.join(EXAMPLES_DIR, folder, file), "utf8");
  for (const [compassValue, ours] of Object.entries(values)) {
    const parts = text.split(compassValue);
    assert.ok(parts.length > 1, `${folder}/${file}: Compass's value ${compassValue} is not in the document`);
    if (typeof ours === "string") {
      text = parts.join(ours);
      continue;
    }
    assert.equal(
      ours.length,
      parts.length - 1,
      `${folder}/${file}: Compass's value ${compassValue} occurs ${parts.length - 1} times, ${ours.length} values given`,
    );
    text = parts.reduce((joined, part, i) => `${joined}${ours[i - 1]}${part}`);
  }
  return text;
}

/**
 * One example whose generator wrote the same id for two objects (Compass's
 * merge documents name source and destination both `aaaaaaaa-…`): each
 * occurrence of `compassValue`, in order, becomes the next of `ours`, and
 * their numbers must agree.
 */
export function exampleDocumentInOrder(folder: string, file: string, compassValue: string, ours: readonly string[]): string {
  const parts = exampleDocument(folder, file).split(compassValue);
  assert.equal(parts.length - 1, ours.length, `${folder}/${file}: ${compassValue} occurs ${parts.length - 1} times, not ${ours.length}`);
  return parts.reduce((text, part, index) => text + ours[index - 1] + part);
}
