/**
 * Browsers still ask for /favicon.ico where a page's icon link is not read
 * (a document that is not HTML, a page still loading); without this route
 * that is a 404 in the console on every such visit. The console's icon is
 * app/icon.svg, so the old name points there.
 */
export const dynamic = "force-static";

export function GET(): Response {
  return new Response(null, { status: 308, headers: { location: "/icon.svg", "cache-control": "public, max-age=86400" } });
}
