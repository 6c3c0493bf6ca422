/**
 * How often a console session's use is recorded, and when the console warns
 * before the idle timeout: shared by the server (domain/users/session.service.ts)
 * and the console (components/console/session-dialog.tsx), which must agree.
 */

/**
 * lastSeenAt is written at most this often per session: a write on every
 * request would not do, and a quarter of the timeout (a minute at most) keeps
 * a session in use alive even at the shortest timeout, 1 minute.
 */
export function activityResolutionMs(idleTimeoutMs: number): number {
  return Math.min(60_000, Math.floor(idleTimeoutMs / 4));
}

/** The warning comes this long before the idle timeout: a minute, or a third of a short timeout. */
export function idleWarningMs(idleTimeoutMs: number): number {
  return Math.min(60_000, Math.floor(idleTimeoutMs / 3));
}
