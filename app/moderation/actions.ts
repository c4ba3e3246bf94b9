"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { changeRole, suspendMember, unsuspendMember } from "@/lib/accounts/admin";
import { serverAction } from "@/lib/accounts/action";
import type { ActionResult } from "@/lib/platform/errors";
import { text, type FormObject } from "@/lib/platform/form-fields";
import { resolveAlert, resolveFlags } from "@/lib/moderation/queues";
import { activateOrganisation, mergeOrganisation, updateOrganisation } from "@/lib/organisations/admin";
import { addRegistryEntry, promoteClaim, rejectClaim, rejectNumber, revokeRegistryEntry } from "@/lib/registry/promote";
import { approveRemoval, rejectRemoval } from "@/lib/moderation/removals";
import type { Role } from "@/lib/generated/prisma/enums";
import type { EvidenceInput } from "@/lib/registry/schema";

// Each action (serverAction): the form → the lib command (which checks the actor's role and writes
// the audit entry) → revalidate → back to the page with a confirmation, or an ActionResult. The
// commands refuse visitors, members and suspended staff.

type Result = ActionResult<unknown>;
const optional = (value: FormObject[string]) => (value === undefined ? undefined : text(value));

const evidenceFrom = (form: FormObject): EvidenceInput => ({
  method: text(form.method) as EvidenceInput["method"],
  source: text(form.source),
  reviewAt: text(form.reviewAt),
});

function refreshRegistry(e164?: string) {
  revalidatePath("/registry");
  revalidatePath("/moderation", "layout");
  if (e164) revalidatePath(`/numbers/${encodeURIComponent(e164)}`);
}

/** Back to the page the form was on (a /moderation path only), with the confirmation to show. */
function back(form: FormObject, done: string, e164?: string): never {
  const from = text(form.returnTo);
  const path = /^\/moderation(\/[\w\-/]*)?$/.test(from) ? from : "/moderation";
  const query = new URLSearchParams({ done, ...(e164 ? { n: e164 } : {}) });
  redirect(`${path}?${query.toString()}`);
}

export const promoteAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const done = await promoteClaim(actor, text(form.claimId), evidenceFrom(form));
  refreshRegistry(done.e164);
  form.returnTo = "/moderation/registry";
  back(form, "promoted", done.e164);
});

export const addEntryAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const done = await addRegistryEntry(actor, { number: text(form.number), organisationId: text(form.organisationId), evidence: evidenceFrom(form) });
  refreshRegistry(done.e164);
  back(form, "added", done.e164);
});

export const revokeAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const done = await revokeRegistryEntry(actor, text(form.claimId), text(form.reason));
  refreshRegistry(done.e164);
  back(form, "revoked", done.e164);
});

export const rejectClaimAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const done = await rejectClaim(actor, text(form.claimId), text(form.reason));
  refreshRegistry(done.e164);
  back(form, "rejected", done.e164);
});

export const rejectNumberAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const done = await rejectNumber(actor, { number: text(form.number), organisationId: text(form.organisationId), reason: text(form.reason) });
  refreshRegistry(done.e164);
  back(form, "rejected", done.e164);
});

export const flagAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const decision = text(form.decision) as "hide" | "restore" | "dismiss";
  const done = await resolveFlags(actor, { targetType: text(form.targetType) as "comment" | "report", targetId: text(form.targetId), decision, reason: text(form.reason) });
  revalidatePath(`/numbers/${encodeURIComponent(done.e164)}`);
  revalidatePath("/moderation", "layout");
  back(form, decision);
});

export const alertAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  await resolveAlert(actor, text(form.alertId), text(form.reason));
  revalidatePath("/moderation", "layout");
  back(form, "alert");
});

export const activateOrganisationAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const done = await activateOrganisation(actor, text(form.organisationId), text(form.reason));
  revalidatePath(`/organisations/${done.slug}`);
  revalidatePath("/moderation", "layout");
  back(form, "activated");
});

export const editOrganisationAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const done = await updateOrganisation(actor, text(form.organisationId), {
    name: text(form.name),
    category: text(form.category) as never,
    country: optional(form.country),
    website: optional(form.website),
    officialPhone: optional(form.officialPhone),
    policyCallsFrom: optional(form.policyCallsFrom),
    policyMayAsk: optional(form.policyMayAsk),
    policyNeverAsks: optional(form.policyNeverAsks),
    policyHowToVerify: optional(form.policyHowToVerify),
    reason: text(form.reason),
  });
  revalidatePath(`/organisations/${done.slug}`);
  revalidatePath("/moderation", "layout");
  back(form, "saved");
});

export const mergeOrganisationAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const done = await mergeOrganisation(actor, text(form.organisationId), text(form.targetId), text(form.reason));
  revalidatePath(`/organisations/${done.slug}`);
  revalidatePath("/moderation", "layout");
  back(form, "merged");
});

export const removalAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const approve = text(form.decision) === "approve";
  const done = await (approve ? approveRemoval : rejectRemoval)(actor, text(form.requestId), text(form.reason));
  revalidatePath(`/numbers/${encodeURIComponent(done.e164)}`);
  revalidatePath("/moderation", "layout");
  back(form, approve ? "approved" : "removal-rejected", done.e164);
});

export const suspensionAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  const suspend = text(form.decision) === "suspend";
  await (suspend ? suspendMember : unsuspendMember)(actor, text(form.userId), text(form.reason));
  revalidatePath("/moderation/members");
  back(form, suspend ? "suspend" : "unsuspend");
});

export const roleAction = serverAction({}, async (form, { actor }): Promise<Result> => {
  await changeRole(actor, text(form.userId), text(form.role) as Role, text(form.reason));
  revalidatePath("/moderation/members");
  back(form, "role");
});
