"use server";

import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/accounts/action";
import { formatE164 } from "@/lib/numbers/phone";
import type { ActionResult } from "@/lib/platform/errors";
import { single, text, type FormObject } from "@/lib/platform/form-fields";
import { createApiKey, recordCall, revokeApiKey } from "@/lib/representatives/calls";
import { savePolicy } from "@/lib/representatives/policy";
import { publishNumbers } from "@/lib/representatives/publish";
import { POLICY_QUESTION_KEYS } from "@/lib/representatives/schema";

// The organisation console's actions. Each lib command checks that the actor is an active
// representative of the organisation (or staff) before it writes anything.

type Result = ActionResult<unknown>;

function refresh(form: FormObject) {
  const slug = single(form.slug);
  if (slug && /^[a-z0-9-]{1,120}$/.test(slug)) {
    revalidatePath(`/organisations/${slug}`);
    revalidatePath(`/organisations/${slug}/manage`);
  }
  revalidatePath("/registry");
  revalidatePath("/numbers/[number]", "page");
  revalidatePath("/safe-calling");
}

export const publishNumbersAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const outcome = await publishNumbers(actor, { organisationId: text(form.organisationId), numbers: text(form.numbers), label: single(form.label), retiresAt: single(form.retiresAt) });
  refresh(form);
  const names = (list: string[]) => list.map((e164) => formatE164(e164).national).join(", ");
  const parts = [
    outcome.published.length ? `Published ${names(outcome.published)}.` : null,
    outcome.updated.length ? `Updated ${names(outcome.updated)} (already in the registry).` : null,
  ];
  return { ok: true, data: outcome, message: parts.filter(Boolean).join(" ") };
});

export const savePolicyAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const answers = Object.fromEntries(POLICY_QUESTION_KEYS.map((key) => [key, single(form[key])]));
  await savePolicy(actor, { organisationId: text(form.organisationId), ...answers, policyUrl: single(form.policyUrl) });
  refresh(form);
  return { ok: true, data: undefined, message: "Policy saved. It now shows on your organisation page and on numbers that claim you." };
});

export const recordCallAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const call = await recordCall(actor, { organisationId: text(form.organisationId), from: text(form.from) });
  refresh(form);
  return {
    ok: true,
    data: call,
    message: `Reference ${call.reference} — read it to the customer. It proves a call from ${formatE164(call.from).national} until ${call.expiresAt.toISOString().slice(11, 16)} UTC, once.`,
  };
});

export const createApiKeyAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const key = await createApiKey(actor, { organisationId: text(form.organisationId), name: text(form.name) });
  refresh(form);
  return { ok: true, data: { id: key.id }, message: `New key (shown once — store it now): ${key.key}` };
});

export const revokeApiKeyAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  await revokeApiKey(actor, { organisationId: text(form.organisationId), keyId: text(form.keyId) });
  refresh(form);
  return { ok: true, data: undefined, message: "Key revoked." };
});
