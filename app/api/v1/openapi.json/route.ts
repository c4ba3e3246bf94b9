import { apiRoute } from "@/lib/api";
import { env } from "@/lib/env";
import { openApiDocument } from "@/lib/openapi";

export const dynamic = "force-dynamic";

export const GET = apiRoute(
  async () => Response.json(openApiDocument(env.APP_URL), { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } }),
  { limit: false },
);
