/**
 * The README's "Compass compatibility" section and the API docs page
 * (app/(console)/api-docs/compass-domains.ts) name the same Compass domains,
 * spoken and not yet spoken, so one cannot change without the other.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { NOT_YET, SPOKEN } from "@/app/(console)/api-docs/compass-domains";

const readme = fs.readFileSync(path.join(import.meta.dirname, "../README.md"), "utf8");
const section = readme.slice(readme.indexOf("## Compass compatibility"), readme.indexOf("\n## ", readme.indexOf("## Compass compatibility") + 1));
const [spokenText, notYetText] = section.split("Not yet spoken");
/** The README's words, folded: case and line breaks aside. */
const fold = (text: string) => text.toLowerCase().replace(/\s+/g, " ");

test("the README's Compass compatibility section names every domain the API docs page lists, on the same side", () => {
  assert.ok(section.length > 0 && notYetText, "the section and its 'Not yet spoken' part exist");
  for (const { name } of SPOKEN) {
    // "Labels and label definitions" -> "labels and label definitions"; each named domain appears on its side.
    assert.ok(fold(spokenText).includes(fold(name)), `spoken: ${name}`);
    assert.ok(!fold(notYetText).includes(fold(name)), `not listed as not yet spoken: ${name}`);
  }
  for (const { name } of NOT_YET) {
    const words = fold(name)
      .replace(/,/g, "")
      .split(" and ")
      .flatMap((part) => part.split(" "));
    // Every word of the name is in the "not yet" part (the README writes the lists as prose).
    for (const word of words) assert.ok(fold(notYetText).replace(/,/g, "").includes(word), `not yet spoken: ${name} (${word})`);
  }
});
