/**
 * The product's one globalThis entry, for what is one per process rather
 * than one per database: the instance (app/instance.ts), the metrics sink
 * (lib/metrics.ts), the tracer (lib/tracing.ts) and the shutting-down flag
 * (lib/health.ts).
 *
 * Why globalThis at all: under `next dev`, Next loads its own bundled copies
 * of these modules beside the plain ones in one process (instrumentation.ts,
 * and each route bundle), and in production's Next child the route bundles
 * and the pages are separate module graphs too. A module-level variable would
 * exist once per copy: two database clients and instances, a tracer the route
 * bundles never see, counts that never reach /metrics (docs/design.md,
 * "Stack notes"). Everything per database lives on the instance, not here.
 */
const KEY = Symbol.for("compass.process");

export const processSlots: {
  /** app/instance.ts's Instance; typed there (lib/ names nothing above it). */
  instance?: object;
  metrics?: unknown;
  tracer?: unknown;
  shuttingDown?: boolean;
} = ((globalThis as Record<symbol, unknown>)[KEY] ??= {}) as object;
