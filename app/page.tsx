import { redirect } from "next/navigation";

/** The console opens on its overview; the section layout sends signed-out visitors to the login page. */
export default function HomePage() {
  redirect("/overview");
}
