import Link from "next/link";

/** A URL that matches no console page, shown inside the console with the way back. */
export default function ConsoleNotFound() {
  return (
    <section className="card not-found" aria-labelledby="not-found-heading">
      {/* A not-found page takes no metadata export; React puts this title in the document head. */}
      <title>Page not found · Compass Director</title>
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
