"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/accounts/authz";
import { formatE164 } from "@/lib/numbers/phone";
import { toFailure, type ActionResult } from "@/lib/platform/errors";
import { createApiKey, recordCall, revokeApiKey } from "@/lib/representatives/calls";
import { savePolicy } from "@/lib/representatives/policy";
import { publishNumbers } from "@/lib/representatives/publish";

// The organisation console's actions. Each lib command checks that the actor is an active
// representative of the organisation (or staff) before it writes anything.

type Result = ActionResult<unknown>;
const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" ? value : undefined;
};

function refresh(form: FormData) {
  const slug = text(form, "slug");
  if (slug && /^[a-z0-9-]{1,120}$/.test(slug)) {
    revalidatePath(`/organisations/${slug}`);
    revalidatePath(`/organisations/${slug}/manage`);
  }
  revalidatePath("/registry");
  revalidatePath("/numbers/[number]", "page");
  revalidatePath("/safe-calling");
}

export async function publishNumbersAction(_prev: Result | null, form: FormData): Promise<Result> {
  try {
    const outcome = await publishNumbers(await getActor(), {
      organisationId: text(form, "organisationId") ?? "",
      numbers: text(form, "numbers") ?? "",
      label: text(form, "label"),
      retiresAt: text(form, "retiresAt"),
    });
    refresh(form);
    const names = (list: string[]) => list.map((e164) => formatE164(e164).national).join(", ");
    const parts = [
      outcome.published.length ? `Published ${names(outcome.published)}.` : null,
      outcome.updated.length ? `Updated ${names(outcome.updated)} (already in the registry).` : null,
    ];
    return { ok: true, data: outcome, message: parts.filter(Boolean).join(" ") };
  } catch (error) {
    return toFailure(error);
  }
}

export async function savePolicyAction(_prev: Result | null, form: FormData): Promise<Result> {
  try {
    const input = Object.fromEntries(
      ["policyListedNumbersOnly", "policyVoicemailNamesListed", "policyAsksPassword", "policyAsksSecurityAnswers", "policyAsksOneTimeCode", "policyAsksCardDetails", "policyVerifyCallBack", "policyVerifyReference", "policyUrl"].map((key) => [key, text(form, key)]),
    );
    await savePolicy(await getActor(), { organisationId: text(form, "organisationId") ?? "", ...input } as Parameters<typeof savePolicy>[1]);
    refresh(form);
    return { ok: true, data: undefined, message: "Policy saved. It now shows on your organisation page and on numbers that claim you." };
  } catch (error) {
    return toFailure(error);
  }
}

export async function recordCallAction(_prev: Result | null, form: FormData): Promise<Result> {
  try {
    const call = await recordCall(await getActor(), { organisationId: text(form, "organisationId") ?? "", from: text(form, "from") ?? "" });
    refresh(form);
    return {
      ok: true,
      data: call,
      message: `Reference ${call.reference} — read it to the customer. It proves a call from ${formatE164(call.from).national} until ${call.expiresAt.toISOString().slice(11, 16)} UTC, once.`,
    };
  } catch (error) {
    return toFailure(error);
  }
}

export async function createApiKeyAction(_prev: Result | null, form: FormData): Promise<Result> {
  try {
    const key = await createApiKey(await getActor(), { organisationId: text(form, "organisationId") ?? "", name: text(form, "name") ?? "" });
    refresh(form);
    return { ok: true, data: { id: key.id }, message: `New key (shown once — store it now): ${key.key}` };
  } catch (error) {
    return toFailure(error);
  }
}

export async function revokeApiKeyAction(_prev: Result | null, form: FormData): Promise<Result> {
  try {
    await revokeApiKey(await getActor(), { organisationId: text(form, "organisationId") ?? "", keyId: text(form, "keyId") ?? "" });
    refresh(form);
    return { ok: true, data: undefined, message: "Key revoked." };
  } catch (error) {
    return toFailure(error);
  }
}
