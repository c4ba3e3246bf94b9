// A number's claims as its page shows them: the organisation each names, in the order the page lists them,
// and the weighted votes over all of them.
import type { ClaimStatus, EvidenceMethod } from "../generated/prisma/enums";
import { wilsonLowerBound, type Legitimacy } from "../trust/rules";

/** The columns read for a NamedOrganisation (and its status, for "proposed"). */
export const organisationSelect = {
  id: true,
  name: true,
  slug: true,
  officialPhone: true,
  verifiedNumberCount: true,
  status: true,
  policyNeverAsks: true,
  policyCallsFrom: true,
  policyHowToVerify: true,
  policyListedNumbersOnly: true,
  policyAsksPassword: true,
  policyAsksSecurityAnswers: true,
  policyAsksOneTimeCode: true,
  policyAsksCardDetails: true,
} as const;

/** An organisation as a number's page names it: enough for the verdict, the call-back link and the policy line. */
export type NamedOrganisation = {
  id: string;
  name: string;
  slug: string;
  officialPhone: string | null;
  verifiedNumberCount: number;
  /** Named by a member and not yet checked by a moderator (shown "proposed"). */
  proposed?: boolean;
  policyNeverAsks: string | null;
  policyCallsFrom: string | null;
  policyHowToVerify: string | null;
  /** The structured policy a representative declared (null: not declared). */
  policyListedNumbersOnly: boolean | null;
  policyAsksPassword: boolean | null;
  policyAsksSecurityAnswers: boolean | null;
  policyAsksOneTimeCode: boolean | null;
  policyAsksCardDetails: boolean | null;
};

export type ClaimedOrganisation = {
  claimId: string;
  status: ClaimStatus;
  reportCount: number;
  legitVotes: number;
  notLegitVotes: number;
  organisation: NamedOrganisation;
  evidence: { method: EvidenceMethod; source: string | null; verifiedAt: Date | null; reviewAt: Date | null } | null;
};

type ClaimRow = {
  id: string;
  status: ClaimStatus;
  reportCount: number;
  legitVotes: number;
  notLegitVotes: number;
  evidenceMethod: EvidenceMethod | null;
  evidenceSource: string | null;
  verifiedAt: Date | null;
  reviewAt: Date | null;
};

export function toClaimed(claim: ClaimRow, organisation: Omit<NamedOrganisation, "proposed"> & { status: string }): ClaimedOrganisation {
  return {
    claimId: claim.id,
    status: claim.status,
    reportCount: claim.reportCount,
    legitVotes: claim.legitVotes,
    notLegitVotes: claim.notLegitVotes,
    organisation: {
      id: organisation.id,
      name: organisation.name,
      slug: organisation.slug,
      officialPhone: organisation.officialPhone,
      verifiedNumberCount: organisation.verifiedNumberCount,
      proposed: organisation.status === "PROPOSED",
      policyNeverAsks: organisation.policyNeverAsks,
      policyCallsFrom: organisation.policyCallsFrom,
      policyHowToVerify: organisation.policyHowToVerify,
      policyListedNumbersOnly: organisation.policyListedNumbersOnly,
      policyAsksPassword: organisation.policyAsksPassword,
      policyAsksSecurityAnswers: organisation.policyAsksSecurityAnswers,
      policyAsksOneTimeCode: organisation.policyAsksOneTimeCode,
      policyAsksCardDetails: organisation.policyAsksCardDetails,
    },
    evidence:
      claim.status === "VERIFIED" && claim.evidenceMethod
        ? { method: claim.evidenceMethod, source: claim.evidenceSource, verifiedAt: claim.verifiedAt, reviewAt: claim.reviewAt }
        : null,
  };
}

const STATUS_ORDER: ClaimStatus[] = ["VERIFIED", "REJECTED", "UNVERIFIED", "REVOKED"];
export const statusRank = (status: ClaimStatus) => STATUS_ORDER.indexOf(status);

/** The weighted votes over all of a number's claims, read through the Wilson bound again. */
export function sumLegitimacy(parts: Legitimacy[]): Legitimacy {
  const legitWeight = parts.reduce((sum, part) => sum + part.legitWeight, 0);
  const notLegitWeight = parts.reduce((sum, part) => sum + part.notLegitWeight, 0);
  const total = legitWeight + notLegitWeight;
  return { legitWeight, notLegitWeight, total, legitBound: wilsonLowerBound(legitWeight, total), notLegitBound: wilsonLowerBound(notLegitWeight, total) };
}
