import "server-only";
import { cached, cacheTags } from "../platform/data-cache";
import { assertCanManageOrganisation, type Actor } from "../accounts/authz";
import { recordAudit } from "../platform/audit";
import { recordOrganisationChanges } from "../alerts/record";
import { db } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { policySchema, type PolicyInput } from "./schema";

export const structuredPolicySelect = {
  policyListedNumbersOnly: true,
  policyVoicemailNamesListed: true,
  policyAsksPassword: true,
  policyAsksSecurityAnswers: true,
  policyAsksOneTimeCode: true,
  policyAsksCardDetails: true,
  policyVerifyCallBack: true,
  policyVerifyReference: true,
  policyUrl: true,
  policyUpdatedAt: true,
} as const;

/** "Save policy": a representative's or a moderator's structured calling policy. Audited with before and after. */
export async function savePolicy(actor: Actor | null, input: PolicyInput) {
  const { organisationId, ...policy } = parseOrThrow(policySchema, input);
  const who = await assertCanManageOrganisation(actor, organisationId);
  return db.$transaction(async (tx) => {
    const before = await tx.organisation.findUnique({ where: { id: organisationId }, select: { status: true, ...structuredPolicySelect } });
    if (!before || before.status === "MERGED") throw new AppError("NOT_FOUND", "That organisation is not listed.");
    const after = await tx.organisation.update({ where: { id: organisationId }, data: { ...policy, policyUpdatedAt: new Date() }, select: structuredPolicySelect });
    const { status: _status, policyUpdatedAt: _was, ...was } = before;
    const { policyUpdatedAt: _now, ...now } = after;
    // Watchers of the organisation are told when what it says about its calls changes.
    await recordOrganisationChanges(tx, organisationId, who.id, was, now);
    await recordAudit(tx, { actorId: who.id, action: "organisation.policy", targetType: "Organisation", targetId: organisationId, before: was, after: now });
    return after;
  });
}

/** getStructuredPolicy through the data cache (a policy change is audited, which drops it). */
export function getCachedStructuredPolicy(organisationId: string) {
  return cached(`organisation-policy:${organisationId}`, [cacheTags.organisation(organisationId)], () => getStructuredPolicy(organisationId));
}

export async function getStructuredPolicy(organisationId: string) {
  return db.organisation.findUnique({ where: { id: organisationId }, select: structuredPolicySelect });
}
