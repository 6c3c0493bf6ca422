import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

/** A URL that matches no console page, shown inside the console with the way back. */
export default function ConsoleNotFound() {
  return (
    <section className="card not-found" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Page not found</h1>
      <p className="lead">There is no console page at this address. It may have moved, or the link is wrong.</p>
      <p>
        <Link className="btn btn-primary" href="/integration-systems">
          Go to integration systems
        </Link>
      </p>
    </section>
  );
}
