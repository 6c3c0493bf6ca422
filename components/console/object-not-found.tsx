import Link from "next/link";

/** The page of an object that does not exist (deleted, or a mistyped link): a heading and the way back. */
export function ObjectNotFound({ what, backHref, backLabel }: { what: string; backHref: string; backLabel: string }) {
  return (
    <section className="card not-found" aria-labelledby="not-found-heading">
      <title>{`${what} not found · Compass Director`}</title>
      <h1 id="not-found-heading">{what} not found</h1>
      <p className="lead">It may have been deleted, or the link is wrong.</p>
      <p>
        <Link className="btn btn-secondary" href={backHref}>
          {backLabel}
        </Link>
      </p>
    </section>
  );
}
