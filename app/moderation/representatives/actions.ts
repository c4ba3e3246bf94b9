"use server";

import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/accounts/action";
import type { ActionResult } from "@/lib/platform/errors";
import { text } from "@/lib/platform/form-fields";
import { approveRepresentation, revokeRepresentation } from "@/lib/representatives/representation";
import { hideStatement } from "@/lib/representatives/statements";

type Result = ActionResult<unknown>;

export const approveRepresentativeAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  await approveRepresentation(actor, { representativeId: text(form.representativeId), evidence: text(form.reason) });
  revalidatePath("/moderation/representatives");
  return { ok: true, data: undefined, message: "Approved: they now represent the organisation." };
});

export const revokeRepresentativeAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  await revokeRepresentation(actor, text(form.representativeId), text(form.reason));
  revalidatePath("/moderation/representatives");
  return { ok: true, data: undefined, message: "Revoked." };
});

export const hideStatementAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  await hideStatement(actor, text(form.statementId), text(form.reason));
  revalidatePath("/moderation/representatives");
  revalidatePath("/numbers/[number]", "page");
  return { ok: true, data: undefined, message: "Statement hidden." };
});
