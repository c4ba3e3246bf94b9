"use server";

import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/accounts/action";
import type { ActionResult } from "@/lib/platform/errors";
import { text } from "@/lib/platform/form-fields";
import { postStatement } from "@/lib/representatives/statements";

export const postStatementAction = serverAction({}, async (form, { actor }): Promise<ActionResult<unknown>> => {
  await postStatement(actor, { organisationId: text(form.organisationId), e164: text(form.e164), body: text(form.body) });
  revalidatePath("/numbers/[number]", "page");
  return { ok: true, data: undefined, message: "Your statement is posted as the organisation." };
});
