// Demo accounts and stories. Organisations here are fictional and every number is from ACMA's
// ranges reserved for fiction (0491 570 xxx, 02 5550 xxxx, 02 7010 xxxx, 1800 160 401, 1300 975 707),
// so no real person or company is ever named as a scammer.
import { hash } from "@node-rs/argon2";
import type { PrismaClient } from "../lib/generated/prisma/client";
import type { AskedFor, OrgCategory, ReportCategory } from "../lib/generated/prisma/enums";
import { organisationSearchText } from "../lib/organisations/slug";
import { normalisePhone } from "../lib/numbers/phone";

export const DEMO_ACCOUNTS = [
  { role: "USER", email: "member@callercheck.test", password: "member-password-1", name: "Demo Member" },
  { role: "MODERATOR", email: "moderator@callercheck.test", password: "moderator-password-1", name: "Demo Moderator" },
  { role: "ADMIN", email: "admin@callercheck.test", password: "admin-password-1", name: "Demo Admin" },
] as const;

const VOTERS = ["Priya S.", "Tom W.", "Mei L.", "Aroha K.", "Daniel R.", "Fatima H.", "Grace O."];

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
const e164 = (national: string) => {
  const parsed = normalisePhone(national, "AU");
  if (!parsed.ok) throw new Error(`demo number ${national}: ${parsed.error}`);
  return parsed.phone;
};

type DemoOrg = {
  slug: string;
  name: string;
  category: OrgCategory;
  domain: string;
  officialPhone: string;
  policy?: { callsFrom: string; mayAsk: string; neverAsks: string; howToVerify: string };
  description: string;
};

const ORGS: DemoOrg[] = [
  {
    slug: "harbour-health-insurance",
    name: "Harbour Health Insurance",
    category: "INSURER",
    domain: "harbourhealth.example",
    officialPhone: "1800 160 401",
    description: "Fictional private health insurer used in CallerCheck's demo data.",
    policy: {
      callsFrom: "(02) 7010 1234 for claims and renewals. Anything else claiming to be us is not on our list.",
      mayAsk: "Your full name and date of birth, to find your policy.",
      neverAsks: "Your password, PIN, card number or the answers to your security questions on a call we started.",
      howToVerify: "Hang up and call 1800 160 401 from the number on your membership card.",
    },
  },
  {
    slug: "southern-cross-mutual-bank",
    name: "Southern Cross Mutual Bank",
    category: "BANK",
    domain: "scmbank.example",
    officialPhone: "1300 975 707",
    description: "Fictional customer-owned bank used in CallerCheck's demo data.",
    policy: {
      callsFrom: "(02) 5550 4477 (fraud team) and 1800 975 707 (lending).",
      mayAsk: "To confirm recent transactions by amount and merchant.",
      neverAsks: "One-time codes, your PIN, or to move money to a 'safe account'.",
      howToVerify: "Hang up and call 1300 975 707.",
    },
  },
  {
    slug: "coastal-energy",
    name: "Coastal Energy",
    category: "UTILITY",
    domain: "coastalenergy.example",
    officialPhone: "03 5550 0000",
    description: "Fictional electricity and gas retailer used in CallerCheck's demo data.",
  },
];

type DemoReport = {
  number: string;
  org?: string;
  category: ReportCategory;
  askedFor?: AskedFor[];
  body?: string;
  daysAgo: number;
  by: number; // index into the reporters: 0..6 voters, 7 the demo member
};

const REPORTS: DemoReport[] = [
  // The mission's insurer: real calls from rotating mobiles that ask for security answers.
  { number: "0491 570 006", org: "harbour-health-insurance", category: "LEGITIMATE_UNSAFE", askedFor: ["POLICY_OR_ACCOUNT_NUMBER", "SECURITY_ANSWERS"], daysAgo: 3, by: 0, body: "Said they were Harbour Health about my claim. Knew my name, then asked for my policy number and my security answer. I called 1800 160 401 afterwards and it was genuine, but this is exactly what a scam looks like." },
  { number: "0491 570 006", org: "harbour-health-insurance", category: "LEGITIMATE_UNSAFE", askedFor: ["SECURITY_ANSWERS"], daysAgo: 9, by: 1 },
  { number: "0491 570 110", org: "harbour-health-insurance", category: "LEGITIMATE_UNSAFE", askedFor: ["POLICY_OR_ACCOUNT_NUMBER", "SECURITY_ANSWERS"], daysAgo: 14, by: 2, body: "Renewal call from a mobile. Asked me to 'verify' with my date of birth and security answer before telling me anything." },
  { number: "0491 570 156", org: "harbour-health-insurance", category: "LEGITIMATE_UNSAFE", askedFor: ["SECURITY_ANSWERS"], daysAgo: 21, by: 3 },
  { number: "0491 570 156", org: "harbour-health-insurance", category: "SCAM", askedFor: ["SECURITY_ANSWERS"], daysAgo: 20, by: 4, body: "Hung up — a health insurer asking for my security answer from a mobile sounds like a scam to me." },
  // Someone pretending to be the insurer.
  { number: "0491 570 159", org: "harbour-health-insurance", category: "IMPERSONATION", askedFor: ["CARD_OR_PAYMENT", "POLICY_OR_ACCOUNT_NUMBER"], daysAgo: 1, by: 5, body: "Claimed my Harbour Health policy would lapse today unless I paid the premium by card over the phone." },
  { number: "0491 570 159", org: "harbour-health-insurance", category: "IMPERSONATION", askedFor: ["CARD_OR_PAYMENT"], daysAgo: 2, by: 6 },
  { number: "0491 570 159", category: "SCAM", askedFor: ["CARD_OR_PAYMENT"], daysAgo: 4, by: 0 },
  // A spoofed call: caller ID showed the insurer's verified number ("possibly spoofed", not a mark against it).
  { number: "02 7010 1234", category: "SCAM", askedFor: ["CARD_OR_PAYMENT"], daysAgo: 2, by: 6, body: "Caller ID showed Harbour Health's claims number, but they wanted my card number for a 'refund'. I rang 1800 160 401 and it wasn't them." },
  // A plain scam.
  { number: "0491 570 157", category: "SCAM", askedFor: ["REMOTE_ACCESS", "GIFT_CARDS_OR_CRYPTO"], daysAgo: 2, by: 1, body: "'Tech support' saying my internet was hacked. Wanted me to install a remote access app, then to buy gift cards." },
  { number: "0491 570 157", category: "SCAM", askedFor: ["REMOTE_ACCESS"], daysAgo: 5, by: 2 },
  { number: "0491 570 157", category: "SCAM", askedFor: ["REMOTE_ACCESS"], daysAgo: 12, by: 3 },
  { number: "0491 570 157", category: "ROBOCALL", daysAgo: 30, by: 4 },
  { number: "0491 570 157", category: "SCAM", askedFor: ["GIFT_CARDS_OR_CRYPTO"], daysAgo: 60, by: 5 },
  // Promotion candidates: the bank's and the retailer's real numbers.
  { number: "02 5550 4477", org: "southern-cross-mutual-bank", category: "LEGITIMATE", askedFor: ["NOTHING"], daysAgo: 10, by: 0, body: "Fraud team checking a card transaction. Did not ask for any codes and told me to call back on 1300 975 707 if unsure. Genuine." },
  { number: "02 5550 4477", org: "southern-cross-mutual-bank", category: "LEGITIMATE", daysAgo: 8, by: 1 },
  { number: "1800 975 707", org: "southern-cross-mutual-bank", category: "LEGITIMATE", daysAgo: 6, by: 2 },
  { number: "03 5550 1234", org: "coastal-energy", category: "LEGITIMATE", daysAgo: 7, by: 3 },
  { number: "03 5550 1234", org: "coastal-energy", category: "TELEMARKETING", daysAgo: 5, by: 7, body: "Offering a new plan. Polite, took no for an answer." },
  // A proposed organisation (from the member).
  { number: "0491 570 158", org: "quick-parcel-delivery", category: "SCAM", askedFor: ["CARD_OR_PAYMENT"], daysAgo: 1, by: 7, body: "Text said a parcel was held until I paid a $2.99 redelivery fee at a link." },
];

// Claims that have been voted on: [number, org slug, legitimate votes by voter index, not legitimate].
const VOTES: [string, string, number[], number[]][] = [
  ["02 5550 4477", "southern-cross-mutual-bank", [0, 1, 2, 3, 4, 5], []],
  ["1800 975 707", "southern-cross-mutual-bank", [0, 1, 2, 3, 6], []],
  ["03 5550 1234", "coastal-energy", [1, 2, 3, 4, 5], [6]],
  ["0491 570 006", "harbour-health-insurance", [0, 1, 2], [3]],
  ["0491 570 159", "harbour-health-insurance", [], [0, 1, 2, 4]],
];

export async function seedDemo(db: PrismaClient): Promise<string> {
  const accounts: Record<string, { id: string }> = {};
  for (const account of DEMO_ACCOUNTS) {
    accounts[account.role] = await db.user.upsert({
      where: { email: account.email },
      create: {
        email: account.email,
        name: account.name,
        role: account.role,
        passwordHash: await hash(account.password),
        emailVerified: daysAgo(60),
        createdAt: daysAgo(60),
      },
      update: {},
      select: { id: true },
    });
  }
  const reporters: { id: string }[] = [];
  for (const [i, name] of VOTERS.entries()) {
    const email = `voter${i + 1}@callercheck.test`;
    reporters.push(
      await db.user.upsert({
        where: { email },
        create: { email, name, emailVerified: daysAgo(120), createdAt: daysAgo(120) },
        update: {},
        select: { id: true },
      }),
    );
  }
  reporters.push(accounts.USER);
  const moderator = accounts.MODERATOR;

  const orgIds: Record<string, string> = {};
  for (const org of ORGS) {
    const data = {
      slug: org.slug,
      name: org.name,
      category: org.category,
      country: "AU",
      domains: [org.domain],
      website: `https://${org.domain}/`,
      description: org.description,
      officialPhone: e164(org.officialPhone).e164,
      policyCallsFrom: org.policy?.callsFrom,
      policyMayAsk: org.policy?.mayAsk,
      policyNeverAsks: org.policy?.neverAsks,
      policyHowToVerify: org.policy?.howToVerify,
      sourceCredit: "Fictional demo organisation",
      searchText: organisationSearchText({ name: org.name, domains: [org.domain] }),
    };
    orgIds[org.slug] = (await db.organisation.upsert({ where: { slug: org.slug }, create: data, update: {}, select: { id: true } })).id;
  }
  // The insurer's published callback number, as the directory data lists real organisations' numbers.
  await db.organisationContactNumber.createMany({
    data: [{ organisationId: orgIds["harbour-health-insurance"], e164: e164("1800 160 401").e164, purpose: "Members' enquiries: call to check a call was really us", sourceUrl: "https://harbourhealth.example/contact", sourceTitle: "Contact us - Harbour Health Insurance (fictional)" }],
    skipDuplicates: true,
  });
  orgIds["quick-parcel-delivery"] = (
    await db.organisation.upsert({
      where: { slug: "quick-parcel-delivery" },
      create: {
        slug: "quick-parcel-delivery",
        name: "Quick Parcel Delivery",
        status: "PROPOSED",
        category: "OTHER",
        country: "AU",
        website: "https://quickparcel.example/",
        domains: ["quickparcel.example"],
        proposedById: accounts.USER.id,
        searchText: "quick parcel delivery quickparcel.example",
      },
      update: {},
      select: { id: true },
    })
  ).id;

  const numbers = new Set([...REPORTS.map((r) => r.number), ...VOTES.map((v) => v[0]), "02 7010 1234"]);
  for (const national of numbers) {
    const phone = e164(national);
    await db.phoneNumber.upsert({ where: { e164: phone.e164 }, create: { e164: phone.e164, country: phone.country, type: phone.type }, update: {} });
  }

  const claimIds = new Map<string, string>();
  async function claim(national: string, slug: string) {
    const key = `${national}|${slug}`;
    const existing = claimIds.get(key);
    if (existing) return existing;
    const organisationId = orgIds[slug];
    const number = e164(national).e164;
    const row = await db.claim.upsert({
      where: { e164_organisationKey: { e164: number, organisationKey: organisationId } },
      create: { e164: number, organisationId, organisationKey: organisationId, source: "REPORT" },
      update: {},
      select: { id: true },
    });
    claimIds.set(key, row.id);
    return row.id;
  }

  for (const report of REPORTS) {
    const when = daysAgo(report.daysAgo);
    await db.report.create({
      data: {
        e164: e164(report.number).e164,
        reporterId: reporters[report.by].id,
        organisationId: report.org ? orgIds[report.org] : null,
        claimId: report.org ? await claim(report.number, report.org) : null,
        occurredAt: new Date(when.getTime() - 3_600_000),
        createdAt: when,
        category: report.category,
        askedFor: report.askedFor ?? [],
        body: report.body,
        channel: report.org === "quick-parcel-delivery" ? "SMS" : "CALL",
      },
    });
  }

  for (const [national, slug, legit, notLegit] of VOTES) {
    const claimId = await claim(national, slug);
    const votes = [...legit.map((i) => [i, true] as const), ...notLegit.map((i) => [i, false] as const)];
    for (const [position, [voter, legitimate]] of votes.entries()) {
      const at = daysAgo(7 - position * 0.5);
      await db.vote.upsert({
        where: { claimId_userId: { claimId, userId: reporters[voter].id } },
        create: { claimId, userId: reporters[voter].id, legitimate, createdAt: at, updatedAt: at },
        update: {},
      });
    }
  }

  // One registry entry: the insurer's published outbound number, with evidence.
  const registryClaim = await claim("02 7010 1234", "harbour-health-insurance");
  const verifiedAt = daysAgo(30);
  await db.claim.update({
    where: { id: registryClaim },
    data: {
      status: "VERIFIED",
      source: "MODERATOR",
      evidenceMethod: "OFFICIAL_WEBSITE",
      evidenceSource: "https://harbourhealth.example/contact — 'We call from (02) 7010 1234'",
      verifiedById: moderator.id,
      verifiedAt,
      reviewAt: new Date(verifiedAt.getTime() + 365 * DAY),
      statusChangedAt: verifiedAt,
    },
  });
  await db.auditEntry.create({
    data: {
      actorId: moderator.id,
      action: "registry.add",
      targetType: "Claim",
      targetId: registryClaim,
      reason: "Listed on the organisation's contact page",
      after: { status: "VERIFIED", e164: e164("02 7010 1234").e164, organisation: "Harbour Health Insurance" },
      createdAt: verifiedAt,
    },
  });

  // Stories on the scam number, with one reply.
  const scam = e164("0491 570 157").e164;
  const first = await db.comment.create({
    data: { e164: scam, authorId: reporters[1].id, body: "Same script here: 'your NBN connection has been compromised'. They got quite aggressive when I said I'd call my provider myself.", createdAt: daysAgo(2) },
  });
  await db.comment.create({
    data: { e164: scam, authorId: reporters[2].id, parentId: first.id, body: "Yes — and they called back twice from the same number after I hung up.", createdAt: daysAgo(1.5) },
  });
  await db.comment.create({
    data: { e164: e164("0491 570 006").e164, authorId: reporters[0].id, body: "Rang Harbour Health on 1800 160 401 to check: they confirmed the call was theirs, and said they are 'reviewing' calling from mobiles.", createdAt: daysAgo(3) },
  });

  await db.removalRequest.create({
    data: { e164: e164("0491 570 110").e164, name: "Sam Citizen", email: "sam@example.com", reason: "This is my personal mobile. I think someone typed the wrong number.", createdAt: daysAgo(1) },
  });

  return `${DEMO_ACCOUNTS.length} demo accounts, ${REPORTS.length} reports, ${VOTES.length} voted claims, 1 registry entry`;
}
