import { getInstance } from "@/app/instance";
import { healthAnswer } from "@/lib/health";

/**
 * The health routes as Next serves them (under `next dev`); the production
 * server answers the same paths on its fast path (server/fast-path.ts), so
 * they answer while Next is busy.
 */
export function healthRoute(path: "/api/health" | "/api/health/live" | "/api/health/ready"): () => Promise<Response> {
  return async () => {
    const answer = (await healthAnswer(path, () => getInstance().db))!;
    return Response.json(answer.body, { status: answer.status, headers: { "cache-control": "no-store" } });
  };
}
