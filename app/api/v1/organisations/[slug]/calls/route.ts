import { apiRoute, okJson } from "@/lib/platform/api";
import { bearerTokenFrom } from "@/lib/platform/api-keys";
import { AppError } from "@/lib/platform/errors";
import { recordCallRequestSchema, recordedCallSchema } from "@/lib/representatives/api-schema";
import { recordCallWithApiKey } from "@/lib/representatives/calls";

export const dynamic = "force-dynamic";

// POST /api/v1/organisations/{slug}/calls — the organisation's systems record an outbound call.
export const POST = apiRoute(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const key = bearerTokenFrom(request.headers);
  const body = recordCallRequestSchema.safeParse(await request.json().catch(() => null));
  if (!body.success) throw new AppError("INVALID", "Send JSON like {\"from\": \"+61270101234\"}.");
  const call = await recordCallWithApiKey(key, slug, body.data);
  return okJson(recordedCallSchema, { ...call, expiresAt: call.expiresAt.toISOString() }, { "Cache-Control": "no-store" }, 201);
}, { memberKeys: false });
