import { exportAccountData } from "@/lib/accounts/my-data";
import { getActor } from "@/lib/accounts/authz";
import { AppError, statusFor } from "@/lib/platform/errors";

export const dynamic = "force-dynamic";

const failure = (error: AppError) =>
  Response.json({ error: { code: error.code, message: error.message } }, { status: statusFor[error.code], headers: { "Cache-Control": "no-store" } });

/** The signed-in member's own data as a JSON download (suspended members may export too). */
export async function GET() {
  const actor = await getActor();
  if (!actor) return failure(new AppError("UNAUTHENTICATED", "Sign in to download your data."));
  try {
    const data = await exportAccountData(actor.id);
    const day = data.exportedAt.slice(0, 10);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="callercheck-my-data-${day}.json"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return failure(error);
    throw error;
  }
}
