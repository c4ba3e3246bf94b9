// Demo data for issue 14 (demo seed only): a representative of the fictional Harbour Health Insurance,
// numbers it published, its structured calling policy, a statement and a few recorded calls.
// Numbers come from ACMA's ranges reserved for fiction (02 7010 xxxx, 0491 570 xxx).
import { createHash, randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { normalisePhone } from "../lib/numbers/phone";

export const REPRESENTATIVE_ACCOUNT = {
  role: "representative",
  email: "representative@callercheck.test",
  password: "representative-password-1",
  name: "Jo Harbour (Harbour Health)",
  workEmail: "jo.calls@harbourhealth.example",
} as const;

const DAY = 86_400_000;
const e164 = (national: string) => {
  const parsed = normalisePhone(national, "AU");
  if (!parsed.ok) throw new Error(`demo number ${national}: ${parsed.error}`);
  return parsed.phone;
};

const PUBLISHED = [
  { number: "02 7010 2000", label: "claims team" },
  { number: "02 7010 3000", label: "renewals", retiresInDays: 90 },
];

export async function seedRepresentatives(db: PrismaClient): Promise<string> {
  const org = await db.organisation.findUnique({ where: { slug: "harbour-health-insurance" }, select: { id: true, name: true } });
  if (!org) return "skipped: the demo insurer is missing";
  const now = Date.now();
  const user = await db.user.upsert({
    where: { email: REPRESENTATIVE_ACCOUNT.email },
    create: { email: REPRESENTATIVE_ACCOUNT.email, name: REPRESENTATIVE_ACCOUNT.name, passwordHash: await hash(REPRESENTATIVE_ACCOUNT.password), emailVerified: new Date(now - 30 * DAY), createdAt: new Date(now - 30 * DAY) },
    update: {},
    select: { id: true },
  });
  const rep = await db.organisationRepresentative.upsert({
    where: { userId_organisationId: { userId: user.id, organisationId: org.id } },
    create: { userId: user.id, organisationId: org.id, email: REPRESENTATIVE_ACCOUNT.workEmail, status: "ACTIVE", method: "DOMAIN_EMAIL", confirmedAt: new Date(now - 29 * DAY), createdAt: new Date(now - 29 * DAY) },
    update: {},
    select: { id: true },
  });
  await db.auditEntry.create({
    data: { actorId: user.id, action: "representative.confirm", targetType: "OrganisationRepresentative", targetId: rep.id, reason: "Confirmed by e-mail at harbourhealth.example", after: { status: "active", method: "e-mail at the organisation's domain" }, createdAt: new Date(now - 29 * DAY) },
  });

  for (const item of PUBLISHED) {
    const phone = e164(item.number);
    const verifiedAt = new Date(now - 20 * DAY);
    await db.phoneNumber.upsert({ where: { e164: phone.e164 }, create: { e164: phone.e164, country: phone.country, type: phone.type }, update: {} });
    const claim = await db.claim.upsert({
      where: { e164_organisationKey: { e164: phone.e164, organisationKey: org.id } },
      create: {
        e164: phone.e164, organisationId: org.id, organisationKey: org.id, source: "REPRESENTATIVE", createdById: user.id,
        status: "VERIFIED", evidenceMethod: "PUBLISHED_BY_ORGANISATION", evidenceSource: `Published by ${org.name}`, verifiedById: user.id,
        verifiedAt, statusChangedAt: verifiedAt, reviewAt: new Date(now + 345 * DAY), label: item.label,
        retiresAt: item.retiresInDays ? new Date(now + item.retiresInDays * DAY) : null,
      },
      update: {},
      select: { id: true },
    });
    await db.auditEntry.create({ data: { actorId: user.id, action: "representative.publish", targetType: "Claim", targetId: claim.id, after: { e164: phone.e164, status: "verified", evidence: "published by the organisation", label: item.label }, createdAt: verifiedAt } });
  }

  // What Harbour Health declares. Members' reports of it asking for security answers from mobiles
  // (the demo story) still cost it points on the scorecard.
  await db.organisation.update({
    where: { id: org.id },
    data: {
      policyListedNumbersOnly: true,
      policyAsksPassword: false,
      policyAsksSecurityAnswers: false,
      policyAsksCardDetails: false,
      policyVerifyCallBack: true,
      policyVerifyReference: true,
      policyUrl: "https://harbourhealth.example/calling-policy",
      policyUpdatedAt: new Date(now - 20 * DAY),
    },
  });

  const impersonator = e164("0491 570 159").e164;
  if (await db.phoneNumber.findUnique({ where: { e164: impersonator }, select: { e164: true } })) {
    await db.organisationStatement.upsert({
      where: { organisationId_e164: { organisationId: org.id, e164: impersonator } },
      create: { organisationId: org.id, e164: impersonator, authorId: user.id, body: "This is not us. Harbour Health never takes premium payments by card on a call we started. If you gave card details, call your bank, then call us on 1800 160 401.", createdAt: new Date(now - DAY) },
      update: {},
    });
  }

  // A few recorded calls, long expired (their references were never stored, only hashes of random ones).
  const from = e164("02 7010 2000").e164;
  for (const [i, hoursAgo] of [3, 26, 50].entries()) {
    const createdAt = new Date(now - hoursAgo * 3_600_000);
    await db.recordedCall.create({
      data: {
        organisationId: org.id, fromE164: from, createdById: user.id, createdAt, expiresAt: new Date(createdAt.getTime() + 3_600_000),
        usedAt: i === 0 ? null : new Date(createdAt.getTime() + 5 * 60_000),
        referenceHash: createHash("sha256").update(`${org.id}:${randomBytes(8).toString("hex")}`).digest("hex"),
      },
    });
  }
  return `1 representative, ${PUBLISHED.length} published numbers, a calling policy, 1 statement, 3 recorded calls`;
}
