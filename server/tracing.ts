import type { IncomingMessage, ServerResponse } from "node:http";
import { REQUEST_ID_HEADER } from "@/lib/http";
import { log } from "@/lib/logger";
import { installTracer } from "@/lib/tracing";
import { methodOf, routeOf } from "./observe";

/**
 * OpenTelemetry traces, exported over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT
 * (docs/operations.md, "Traces"). Loaded only when that is set: without it
 * none of OpenTelemetry is imported, no context manager runs (its
 * AsyncLocalStorage would tax every request, docs/decisions/0001), and the
 * request listener wraps nothing.
 *
 * Spans: one per HTTP request (server kind, parent from `traceparent` only
 * with TRUST_PROXY), the GraphQL operation and its resolvers (envelop's
 * plugin, without the document, variables or result: they can hold secrets),
 * the token endpoint's work, and each database query (Prisma's
 * instrumentation). The exporter reads the standard OTEL_* variables
 * (OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_SCHEDULE_DELAY...).
 */
export interface Tracing {
  /** Runs the request's handling inside its span. */
  wrap(req: IncomingMessage, res: ServerResponse, handle: () => void): void;
  /** Exports what is left; call last when stopping. */
  shutdown(): Promise<void>;
}

/** How long stopping waits for the last spans to reach the collector. */
const EXPORT_LIMIT_MS = 3_000;

export async function startTracing(trustProxy: boolean): Promise<Tracing> {
  const api = await import("@opentelemetry/api");
  const { NodeTracerProvider, BatchSpanProcessor } = await import("@opentelemetry/sdk-trace-node");
  const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-http");
  const { registerInstrumentations } = await import("@opentelemetry/instrumentation");
  const { PrismaInstrumentation } = await import("@prisma/instrumentation");
  const { useOpenTelemetry } = await import("@envelop/opentelemetry");

  process.env.OTEL_SERVICE_NAME ??= "compass-director";
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  // The AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
  registerInstrumentations({ tracerProvider: provider, instrumentations: [new PrismaInstrumentation()] });
  const tracer = provider.getTracer("compass-director");

  installTracer({
    inSpan: (name, attributes, run) =>
      tracer.startActiveSpan(name, { attributes }, (span) =>
        run().then(
          (value) => {
            span.end();
            return value;
          },
          (error: unknown) => {
            span.setStatus({ code: api.SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "error" });
            span.end();
            throw error;
          },
        ),
      ),
    graphqlPlugin: useOpenTelemetry({ resolvers: true, defaultResolvers: false, document: false, variables: false, result: false }, provider),
  });

  return {
    wrap(req, res, handle) {
      // A client's traceparent could tie its requests into someone else's trace: believed only from our own proxy.
      const parent = trustProxy ? api.propagation.extract(api.ROOT_CONTEXT, req.headers) : api.ROOT_CONTEXT;
      const url = req.url ?? "/";
      const route = routeOf(url);
      const method = methodOf(req.method);
      const query = url.indexOf("?");
      const span = tracer.startSpan(
        `${method} ${route}`,
        {
          kind: api.SpanKind.SERVER,
          attributes: {
            "http.request.method": method,
            "http.route": route,
            // Without the query, which may hold a one-time token.
            "url.path": (query === -1 ? url : url.slice(0, query)).slice(0, 256),
            "compass.request_id": String(req.headers[REQUEST_ID_HEADER] ?? ""),
          },
        },
        parent,
      );
      res.once("close", () => {
        const status = res.writableFinished ? res.statusCode : 499;
        span.setAttribute("http.response.status_code", status);
        if (status >= 500) span.setStatus({ code: api.SpanStatusCode.ERROR });
        span.end();
      });
      api.context.with(api.trace.setSpan(parent, span), handle);
    },
    async shutdown() {
      installTracer(undefined);
      // A collector that is down must not hold the stop, nor fail it: the spans are lost, said once.
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${EXPORT_LIMIT_MS / 1000} s`)), EXPORT_LIMIT_MS);
      });
      await Promise.race([provider.shutdown(), limit])
        .catch((error: Error) => log.warn("could not export the last traces", { error: error.message }))
        .finally(() => clearTimeout(timer));
    },
  };
}
