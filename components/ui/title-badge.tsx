/**
 * A badge after a row's title ("You", "This session"): a space, then the
 * badge, or nothing while `shown` is false. `tone` picks badge-<tone>.
 */
export function TitleBadge({ shown, tone, children }: { shown: boolean; tone?: "success" | "warning"; children: string }) {
  if (!shown) return null;
  return (
    <>
      {" "}
      <span className={tone ? `badge badge-${tone}` : "badge"}>{children}</span>
    </>
  );
}
