import { apiRoute } from "@/lib/platform/api";
import { AppError } from "@/lib/platform/errors";
import { recordCallRequestSchema, recordedCallSchema } from "@/lib/representatives/api-schema";
import { recordCallWithApiKey } from "@/lib/representatives/calls";

export const dynamic = "force-dynamic";

// POST /api/v1/organisations/{slug}/calls — the organisation's systems record an outbound call.
export const POST = apiRoute(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const key = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
  const body = recordCallRequestSchema.safeParse(await request.json().catch(() => null));
  if (!body.success) throw new AppError("INVALID", "Send JSON like {\"from\": \"+61270101234\"}.");
  const call = await recordCallWithApiKey(key, slug, body.data);
  return Response.json(recordedCallSchema.parse({ ...call, expiresAt: call.expiresAt.toISOString() }), { status: 201, headers: { "Cache-Control": "no-store" } });
}, { memberKeys: false });
