import { apiRoute } from "@/lib/platform/api";
import { env } from "@/lib/platform/env";
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

export const GET = apiRoute(
  async () => Response.json(openApiDocument(env.APP_URL), { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } }),
  { limit: false },
);
