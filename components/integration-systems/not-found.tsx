import Link from "next/link";

/** An id that matches no integration system: deleted, or a mistyped link. */
export function NotFound() {
  return (
    <div className="card" role="alert">
      <h1>Integration system not found</h1>
      <p className="lead">It may have been deleted, or the link is wrong.</p>
      <Link className="btn btn-secondary" href="/integration-systems">
        Back to integration systems
      </Link>
    </div>
  );
}
