import { processSlots } from "./process-slots";
/**
 * Where the code opens spans of its own (server/tracing.ts). Without
 * OTEL_EXPORTER_OTLP_ENDPOINT no tracer is installed: `inSpan` calls its
 * function directly, after one property read, and OpenTelemetry is never loaded.
 * Attributes are identifiers and counts only, never a secret.
 */
export type SpanAttributes = Record<string, string | number | boolean>;

export interface Tracer {
  inSpan<T>(name: string, attributes: SpanAttributes, run: () => Promise<T>): Promise<T>;
  /** The GraphQL server's plugin (an envelop plugin: operation and resolver spans), added by graphql/yoga.ts. */
  graphqlPlugin: unknown;
}

// In the process's one shared slot (lib/process-slots.ts), like lib/metrics.ts: one tracer for every copy of this module in the process.
const store = processSlots as { tracer?: Tracer };

export function installTracer(tracer: Tracer | undefined): void {
  store.tracer = tracer;
}

/** Runs `run` in a span named `name` (a child of the request's) when tracing is on. */
export function inSpan<T>(name: string, attributes: SpanAttributes, run: () => Promise<T>): Promise<T> {
  const tracer = store.tracer;
  return tracer ? tracer.inSpan(name, attributes, run) : run();
}

/** The GraphQL tracing plugin when tracing is on, else null (graphql/yoga.ts adds nothing). */
export const tracingGraphQLPlugin = (): unknown => store.tracer?.graphqlPlugin ?? null;
