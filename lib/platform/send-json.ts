// Client-safe: a member's write sent to its route handler (lib/accounts/write-route.ts), answered as the
// ActionResult the forms already show. A failure to reach the server, or an answer that is not ours (a
// proxy's error page), becomes a message the member can act on; nothing is thrown at the form.
import type { ActionResult } from "./errors";

export const UNREACHABLE_MESSAGE = "We could not reach CallerCheck. Check your connection and try again.";

export async function sendJson<T>(method: "POST" | "DELETE", url: string, body: unknown): Promise<ActionResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method, headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  } catch {
    return { ok: false, error: UNREACHABLE_MESSAGE };
  }
  const result = (await response.json().catch(() => null)) as ActionResult<T> | null;
  if (result && typeof result === "object" && typeof result.ok === "boolean") return result;
  return { ok: false, error: response.status === 429 ? "Too many requests. Please wait a minute and try again." : "Something went wrong on our side. Please try again." };
}
