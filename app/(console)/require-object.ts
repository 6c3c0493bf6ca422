import { notFound } from "next/navigation";
import { type ConsoleObjectRef, consoleObjectExists } from "@/domain/object-exists";
import { getInstance } from "@/app/instance";

/** A detail page's object, or the segment's not-found page with HTTP 404 (a deleted object, a mistyped link). */
export async function requireObject(ref: ConsoleObjectRef): Promise<void> {
  if (!(await consoleObjectExists(getInstance().db, ref))) notFound();
}
