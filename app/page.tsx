import { redirect } from "next/navigation";

/** The console opens on its main list; the section layout sends signed-out visitors to the login page. */
export default function HomePage() {
  redirect("/integration-systems");
}
