import { addressFrom } from "@/lib/platform/rate-limit";
import { apiRoute, errorJson, okJson } from "@/lib/platform/api";
import { AppError } from "@/lib/platform/errors";
import { getOrganisationRef } from "@/lib/organisations/organisation";
import { callCheckSchema, checkCallRequestSchema } from "@/lib/representatives/api-schema";
import { checkCall } from "@/lib/representatives/calls";

export const dynamic = "force-dynamic";

// POST /api/v1/organisations/{slug}/calls/check — a customer's check of a reference.
export const POST = apiRoute(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const org = /^[a-z0-9-]{1,100}$/.test(slug) ? await getOrganisationRef(slug) : null;
  if (!org) return errorJson("NOT_FOUND", "No organisation has that slug.");
  const body = checkCallRequestSchema.safeParse(await request.json().catch(() => null));
  if (!body.success) throw new AppError("INVALID", "Send JSON like {\"reference\": \"K7PQ2M\"}.");
  const result = await checkCall({ organisationId: org.id, reference: body.data.reference }, { address: addressFrom(request.headers) });
  return okJson(callCheckSchema, result.called ? { called: true, from: result.from, calledAt: result.calledAt.toISOString() } : { called: false, from: null, calledAt: null }, { "Cache-Control": "no-store" });
});
