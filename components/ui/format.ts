/** Dates as people read them, in their own locale and time zone, with the zone named ("Nov 30, 2026, 09:15 CET"). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  // dateStyle/timeStyle cannot be combined with timeZoneName (a RangeError): the fields are spelled out.
  return new Date(iso).toLocaleString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });
}

/** A time of day with its zone ("09:15:02 CET"), for lists whose date stands apart. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short" });
}

/** A date alone ("Nov 30, 2026"). */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: "medium" });
}

/** The hover text of every timestamp: the exact instant, in ISO 8601 UTC, as the API and the logs give it. */
export function isoInstant(iso: string): string {
  return new Date(iso).toISOString();
}

/** "in 3 days", "2 hours ago": for last use and expiry, where distance matters more than the date. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "never";
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["year", 31_536_000],
    ["month", 2_592_000],
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(seconds, "second");
}
