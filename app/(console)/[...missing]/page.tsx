import { notFound } from "next/navigation";

/** Any other address under the console: its 404 page, inside the console's shell (not-found.tsx beside this folder). */
export default function MissingPage() {
  notFound();
}
