import { errorResponse } from "@/lib/platform/api";
import { addressKey, createProofOfWorkChallenge } from "@/lib/platform/proof-of-work";
import { clientAddress, consumeLimit } from "@/lib/platform/rate-limit";

// The ALTCHA widget on /report fetches its proof-of-work challenge here (visitors without an account).
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    await consumeLimit("anonymous-challenge", addressKey(await clientAddress()), "Too many checks from your network");
    return Response.json(await createProofOfWorkChallenge(), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
