import { healthRoute } from "@/app/api/health/health-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = healthRoute("/api/health/live");
