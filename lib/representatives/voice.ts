import "server-only";
import { db } from "../platform/db";
import { policyLine } from "../organisations/policy-line";

/**
 * What organisations say on a number's page: who published it (and until when), retirements, each
 * claimed organisation's one-line policy, and their statements. Only organisations the number claims.
 */
export async function getOrganisationVoice(e164: string) {
  const [claims, statements] = await Promise.all([
    db.claim.findMany({
      where: { e164, organisationId: { not: null }, organisation: { status: "ACTIVE" }, OR: [{ status: "VERIFIED" }, { reportCount: { gt: 0 } }, { source: "REPRESENTATIVE" }] },
      orderBy: [{ status: "desc" }, { reportCount: "desc" }],
      take: 5,
      select: {
        status: true, evidenceMethod: true, label: true, retiresAt: true, statusReason: true, source: true,
        organisation: {
          select: {
            id: true, slug: true, name: true, policyNeverAsks: true, policyCallsFrom: true, policyHowToVerify: true,
            policyListedNumbersOnly: true, policyAsksPassword: true, policyAsksSecurityAnswers: true, policyAsksOneTimeCode: true, policyAsksCardDetails: true,
          },
        },
      },
    }),
    db.organisationStatement.findMany({
      where: { e164, hiddenAt: null, organisation: { status: "ACTIVE" } },
      orderBy: { createdAt: "asc" },
      take: 10,
      select: { id: true, body: true, updatedAt: true, organisationId: true, organisation: { select: { slug: true, name: true } } },
    }),
  ]);
  return {
    organisations: claims.map((claim) => ({
      id: claim.organisation!.id,
      slug: claim.organisation!.slug,
      name: claim.organisation!.name,
      published: claim.status === "VERIFIED" && claim.evidenceMethod === "PUBLISHED_BY_ORGANISATION",
      label: claim.status === "VERIFIED" ? claim.label : null,
      retiresAt: claim.status === "VERIFIED" ? claim.retiresAt : null,
      retired: claim.status === "REVOKED" && claim.source === "REPRESENTATIVE" && Boolean(claim.statusReason?.startsWith("Retired by")) ? claim.statusReason : null,
      policy: policyLine(claim.organisation!),
    })),
    statements,
  };
}
