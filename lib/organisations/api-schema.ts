// Client-safe zod schema of GET /api/v1/organisations/{slug}'s answer: the route parses every
// response through it and lib/organisations/openapi.ts documents it from the same schema.
import { z } from "zod";
import { ASKED_FOR_KEYS, EVIDENCE_METHOD_KEYS, ORG_CATEGORY_KEYS, REPORT_CATEGORY_KEYS } from "../display/labels";
import { E164_PATTERN, NUMBER_TYPES } from "../numbers/phone";

const e164 = z.string().regex(E164_PATTERN);
const timestamp = z.iso.datetime();

export const organisationLookupSchema = z.object({
  name: z.string(),
  slug: z.string(),
  url: z.url().describe("The organisation's page."),
  status: z.enum(["ACTIVE", "PROPOSED"]).describe("PROPOSED: added by a member from a report, not yet checked by a moderator."),
  category: z.enum(ORG_CATEGORY_KEYS),
  country: z.string().length(2).nullable().describe("ISO 3166 alpha-2."),
  website: z.string().nullable(),
  acronym: z.string().nullable(),
  aliases: z.array(z.string()),
  domains: z.array(z.string()),
  description: z.string().nullable(),
  officialPhone: e164.nullable().describe("Where to call the organisation back."),
  callingPolicy: z.object({
    callsFrom: z.string().nullable().describe("Which numbers it calls from."),
    mayAsk: z.string().nullable().describe("What it may ask for on a call it started."),
    neverAsks: z.string().nullable().describe("What it never asks for."),
    howToVerify: z.string().nullable().describe("How a customer can check a call is real."),
    line: z.string().nullable().describe("The policy in one sentence, as number pages show it."),
    declared: z
      .object({
        callsFromPublishedNumbersOnly: z.boolean().nullable(),
        voicemailNamesPublishedNumber: z.boolean().nullable(),
        mayAskForPassword: z.boolean().nullable(),
        mayAskForSecurityAnswers: z.boolean().nullable(),
        mayAskForOneTimeCode: z.boolean().nullable(),
        mayAskForCardDetails: z.boolean().nullable(),
        customerCanCallBackOfficialNumber: z.boolean().nullable(),
        customerCanCheckReference: z.boolean().nullable(),
        publishedAt: z.string().nullable().describe("Where the policy is published on the organisation's own site."),
        updatedAt: timestamp.nullable(),
      })
      .describe("The structured policy its representatives (or moderators) declared; null means not declared. 'mayAskFor…' is about calls the organisation started."),
  }),
  safeCalling: z
    .object({ grade: z.enum(["A", "B", "C", "D", "E", "F"]), score: z.int().min(0).max(100) })
    .nullable()
    .describe("The safe-calling grade (60 points from the declared policy, 40 from member reports); null when not graded."),
  verifiedNumbers: z.array(
    z.object({
      e164,
      type: z.enum(NUMBER_TYPES),
      evidenceMethod: z.enum(EVIDENCE_METHOD_KEYS).nullable().describe("PUBLISHED_BY_ORGANISATION: published by the organisation's verified representative."),
      label: z.string().nullable().describe("The organisation's label for a published number."),
      retiresAt: timestamp.nullable().describe("When a published number leaves the registry."),
      verifiedAt: timestamp.nullable(),
      reviewAt: timestamp.nullable(),
    }),
  ).describe("The registry: numbers a moderator verified with evidence, or the organisation published; 50 at a time, newest first."),
  verifiedNumbersTotal: z.int().min(0).describe("How many verified numbers it has in all."),
  verifiedNumbersNext: z.string().nullable().describe("Pass as `verifiedAfter` for the next 50 verified numbers; null when these are the last."),
  claimedNumbers: z.array(
    z.object({
      e164,
      status: z.enum(["UNVERIFIED", "REVOKED", "REJECTED"]).describe("UNVERIFIED: callers said so; REVOKED: no longer verified; REJECTED: known impersonation."),
      reports: z.int().min(0),
      legitVotes: z.int().min(0),
      notLegitVotes: z.int().min(0),
    }),
  ).describe("Numbers callers claimed to be the organisation that are not verified, most reported first, 50 at a time."),
  claimedNumbersTotal: z.int().min(0).describe("How many such numbers it has in all."),
  claimedNumbersNext: z.string().nullable().describe("Pass as `claimedAfter` for the next 50 claimed numbers; null when these are the last."),
  reputation: z.object({
    numbers: z.int().min(0).describe("Numbers claimed to be it, verified or not."),
    reports: z.int().min(0).describe("Reports naming it, across all those numbers."),
    categories: z.array(z.object({ category: z.enum(REPORT_CATEGORY_KEYS), count: z.int().min(0) })),
    askedFor: z.array(z.object({ item: z.enum(ASKED_FOR_KEYS), count: z.int().min(0) })),
    legitVotes: z.int().min(0),
    notLegitVotes: z.int().min(0),
  }),
  contactNumbers: z.array(
    z.object({
      e164,
      purpose: z.string().nullable().describe("What the number is for, as its source describes it."),
      sourceUrl: z.string().nullable().describe("The page that publishes it."),
      sourceTitle: z.string().nullable(),
    }),
  ).describe("Numbers the organisation publishes for people to call (not numbers it calls from). Scammers can fake these in caller ID too."),
  source: z.object({ credit: z.string(), url: z.string().nullable() }).nullable().describe("Where the organisation's details came from, credited."),
  sources: z.array(
    z.object({
      url: z.string(),
      title: z.string().nullable(),
      excerpt: z.string().nullable().describe("The passage quoted from the source, for provenance."),
    }),
  ).describe("Every page its numbers and calling policy were taken from."),
});
export type OrganisationLookup = z.infer<typeof organisationLookupSchema>;
