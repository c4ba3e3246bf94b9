"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/accounts/authz";
import { toFailure, type ActionResult } from "@/lib/platform/errors";
import { postStatement } from "@/lib/representatives/statements";

export async function postStatementAction(_prev: ActionResult<unknown> | null, form: FormData): Promise<ActionResult<unknown>> {
  try {
    await postStatement(await getActor(), { organisationId: String(form.get("organisationId") ?? ""), e164: String(form.get("e164") ?? ""), body: String(form.get("body") ?? "") });
    revalidatePath("/numbers/[number]", "page");
    return { ok: true, data: undefined, message: "Your statement is posted as the organisation." };
  } catch (error) {
    return toFailure(error);
  }
}
