import { getHealth } from "@/lib/http/health";

export const dynamic = "force-dynamic";

/** GET /api/health: 200 while this instance and its database answer, 503 with the reason otherwise. */
export async function GET() {
  const health = await getHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
