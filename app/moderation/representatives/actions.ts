"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/accounts/authz";
import { toFailure, type ActionResult } from "@/lib/platform/errors";
import { approveRepresentation, revokeRepresentation } from "@/lib/representatives/representation";
import { hideStatement } from "@/lib/representatives/statements";

type Result = ActionResult<unknown>;
const text = (form: FormData, key: string) => String(form.get(key) ?? "");

export async function approveRepresentativeAction(_prev: Result | null, form: FormData): Promise<Result> {
  try {
    await approveRepresentation(await getActor(), { representativeId: text(form, "representativeId"), evidence: text(form, "reason") });
    revalidatePath("/moderation/representatives");
    return { ok: true, data: undefined, message: "Approved: they now represent the organisation." };
  } catch (error) {
    return toFailure(error);
  }
}

export async function revokeRepresentativeAction(_prev: Result | null, form: FormData): Promise<Result> {
  try {
    await revokeRepresentation(await getActor(), text(form, "representativeId"), text(form, "reason"));
    revalidatePath("/moderation/representatives");
    return { ok: true, data: undefined, message: "Revoked." };
  } catch (error) {
    return toFailure(error);
  }
}

export async function hideStatementAction(_prev: Result | null, form: FormData): Promise<Result> {
  try {
    await hideStatement(await getActor(), text(form, "statementId"), text(form, "reason"));
    revalidatePath("/moderation/representatives");
    revalidatePath("/numbers/[number]", "page");
    return { ok: true, data: undefined, message: "Statement hidden." };
  } catch (error) {
    return toFailure(error);
  }
}
