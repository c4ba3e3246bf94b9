"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { changeRole, suspendMember, unsuspendMember } from "@/lib/accounts/admin";
import { getActor } from "@/lib/accounts/authz";
import { toFailure, type ActionResult } from "@/lib/platform/errors";
import { resolveAlert, resolveFlags } from "@/lib/moderation/queues";
import { activateOrganisation, mergeOrganisation, updateOrganisation } from "@/lib/organisations/admin";
import { addRegistryEntry, promoteClaim, rejectClaim, rejectNumber, revokeRegistryEntry } from "@/lib/registry/promote";
import { approveRemoval, rejectRemoval } from "@/lib/moderation/removals";
import type { Role } from "@/lib/generated/prisma/enums";
import type { EvidenceInput } from "@/lib/moderation/schema";

// Each action: read the form → the lib command (which checks the actor's role and writes the audit
// entry) → revalidate → an ActionResult. The commands refuse visitors, members and suspended staff.

type Result = ActionResult<unknown>;
const text = (form: FormData, key: string) => String(form.get(key) ?? "");
const optional = (form: FormData, key: string) => (form.get(key) === null ? undefined : text(form, key));

const evidenceFrom = (form: FormData): EvidenceInput => ({
  method: text(form, "method") as EvidenceInput["method"],
  source: text(form, "source"),
  reviewAt: text(form, "reviewAt"),
});

function refreshRegistry(e164?: string) {
  revalidatePath("/registry");
  revalidatePath("/moderation", "layout");
  if (e164) revalidatePath(`/numbers/${encodeURIComponent(e164)}`);
}

/** Back to the page the form was on (a /moderation path only), with the confirmation to show. */
function back(form: FormData, done: string, e164?: string): never {
  const from = text(form, "returnTo");
  const path = /^\/moderation(\/[\w\-/]*)?$/.test(from) ? from : "/moderation";
  const query = new URLSearchParams({ done, ...(e164 ? { n: e164 } : {}) });
  redirect(`${path}?${query.toString()}`);
}

async function run(work: () => Promise<never>): Promise<Result> {
  try {
    return await work();
  } catch (error) {
    return toFailure(error);
  }
}

export async function promoteAction(_prev: Result | null, form: FormData): Promise<Result> {
  return run(async () => {
    const done = await promoteClaim(await getActor(), text(form, "claimId"), evidenceFrom(form));
    refreshRegistry(done.e164);
    form.set("returnTo", "/moderation/registry");
    back(form, "promoted", done.e164);
  });
}

export async function addEntryAction(_prev: Result | null, form: FormData): Promise<Result> {
  return run(async () => {
    const done = await addRegistryEntry(await getActor(), { number: text(form, "number"), organisationId: text(form, "organisationId"), evidence: evidenceFrom(form) });
    refreshRegistry(done.e164);
    back(form, "added", done.e164);
  });
}

export async function revokeAction(_prev: Result | null, form: FormData): Promise<Result> {
  return run(async () => {
    const done = await revokeRegistryEntry(await getActor(), text(form, "claimId"), text(form, "reason"));
    refreshRegistry(done.e164);
    back(form, "revoked", done.e164);
  });
}

export async function rejectClaimAction(_prev: Result | null, form: FormData): Promise<Result> {
  return run(async () => {
    const done = await rejectClaim(await getActor(), text(form, "claimId"), text(form, "reason"));
    refreshRegistry(done.e164);
    back(form, "rejected", done.e164);
  });
}

export async function rejectNumberAction(_prev: Result | null, form: FormData): Promise<Result> {
  return run(async () => {
    const done = await rejectNumber(await getActor(), { number: text(form, "number"), organisationId: text(form, "organisationId"), reason: text(form, "reason") });
    refreshRegistry(done.e164);
    back(form, "rejected", done.e164);
  });
}

export async function flagAction(_prev: Result | null, form: FormData): Promise<Result> {
  return run(async () => {
    const decision = text(form, "decision") as "hide" | "restore" | "dismiss";
    const done = await resolveFlags(await getActor(), { targetType: text(form, "targetType") as "comment" | "report", targetId: text(form, "targetId"), decision, reason: text(form, "reason") });
    revalidatePath(`/numbers/${encodeURIComponent(done.e164)}`);
    revalidatePath("/moderation", "layout");
    back(form, decision);
  });
}

export async function alertAction(_prev: Result | null, form: FormData): Promise<Result> {
  return run(async () => {
    await resolveAlert(await getActor(), text(form, "alertId"), text(form, "reason"));
    revalidatePath("/moderation", "layout");
    back(form, "alert");
  });
}

export async function activateOrganisationAction(_prev: Result | null, form: FormData): Promise<Result> {
  return run(async () => {
    const done = await activateOrganisation(await getActor(), text(form, "organisationId"), text(form, "reason"));
    revalidatePath(`/organisations/${done.slug}`);
    revalidatePath("/moderation", "layout");
    back(form, "activated");
  });
}

export async function editOrganisationAction(_prev: Result | null, form: FormData): Promise<Result> {
  return run(async () => {
    const done = await updateOrganisation(await getActor(), text(form, "organisationId"), {
      name: text(form, "name"),
      category: text(form, "category") as never,
      country: optional(form, "country"),
      website: optional(form, "website"),
      officialPhone: optional(form, "officialPhone"),
      policyCallsFrom: optional(form, "policyCallsFrom"),
      policyMayAsk: optional(form, "policyMayAsk"),
      policyNeverAsks: optional(form, "policyNeverAsks"),
      policyHowToVerify: optional(form, "policyHowToVerify"),
      reason: text(form, "reason"),
    });
    revalidatePath(`/organisations/${done.slug}`);
    revalidatePath("/moderation", "layout");
    back(form, "saved");
  });
}

export async function mergeOrganisationAction(_prev: Result | null, form: FormData): Promise<Result> {
  return run(async () => {
    const done = await mergeOrganisation(await getActor(), text(form, "organisationId"), text(form, "targetId"), text(form, "reason"));
    revalidatePath(`/organisations/${done.slug}`);
    revalidatePath("/moderation", "layout");
    back(form, "merged");
  });
}

export async function removalAction(_prev: Result | null, form: FormData): Promise<Result> {
  return run(async () => {
    const approve = text(form, "decision") === "approve";
    const done = await (approve ? approveRemoval : rejectRemoval)(await getActor(), text(form, "requestId"), text(form, "reason"));
    revalidatePath(`/numbers/${encodeURIComponent(done.e164)}`);
    revalidatePath("/moderation", "layout");
    back(form, approve ? "approved" : "removal-rejected", done.e164);
  });
}

export async function suspensionAction(_prev: Result | null, form: FormData): Promise<Result> {
  return run(async () => {
    const suspend = text(form, "decision") === "suspend";
    await (suspend ? suspendMember : unsuspendMember)(await getActor(), text(form, "userId"), text(form, "reason"));
    revalidatePath("/moderation/members");
    back(form, suspend ? "suspend" : "unsuspend");
  });
}

export async function roleAction(_prev: Result | null, form: FormData): Promise<Result> {
  return run(async () => {
    await changeRole(await getActor(), text(form, "userId"), text(form, "role") as Role, text(form, "reason"));
    revalidatePath("/moderation/members");
    back(form, "role");
  });
}
