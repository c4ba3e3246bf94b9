import "server-only";
import { refreshListingAfterWrite } from "../feeds/listing";
import { invalidateNumber } from "../platform/data-cache";
import { db } from "../platform/db";
import { AppError, isUniqueViolation, parseOrThrow } from "../platform/errors";
import { parseProofOfWorkPayload } from "../platform/proof-of-work-payload";
import { addressKey, CHECK_MISSING, spendProofOfWork, verifyProofOfWork } from "../platform/proof-of-work";
import { consumeLimit, refundLimit, type LimitName } from "../platform/rate-limit";
import { alertOrganisationAboutReport } from "../representatives/alerts";
import { writeReport, type CreatedReport } from "./report";
import { resolveOrganisation } from "./report-organisation";
import { reportSchema, type ReportInput } from "./schema";

export const SIGN_IN_TO_PROPOSE = "Sign in to add a new organisation. Without an account, choose one from the suggestions or leave the box empty.";

/**
 * A visitor's report, without an account. Instead of a session: a solved proof-of-work challenge,
 * verified here and spent in the report's transaction (a replay is refused), and strict limits per
 * address. The address itself is never stored: only a keyed hash, which counts it once per number.
 * Visitors cannot propose organisations (a proposal is public at once and has no one to answer for it).
 */
export async function createAnonymousReport(input: unknown, options: { address: string; proofOfWork: unknown }): Promise<CreatedReport> {
  const data = parseAnonymousReport(input, options.proofOfWork);
  if (data.proposedOrganisation) throw new AppError("INVALID", SIGN_IN_TO_PROPOSE, { proposedName: [SIGN_IN_TO_PROPOSE] });
  const key = addressKey(options.address);

  const existing = await findByKey(key, data.idempotencyKey);
  if (existing) return existing;

  const proof = await verifyProofOfWork(options.proofOfWork);
  const named = data.organisationId ? await resolveOrganisation(data.organisationId) : null;
  const spent = await spendLimits(key);
  try {
    const created = await db.$transaction(
      async (tx) => {
        await spendProofOfWork(tx, proof);
        return (await writeReport(tx, { kind: "anonymous", addressKey: key }, data, named)).created;
      },
      { maxWait: 20_000, timeout: 30_000 },
    );
    invalidateNumber(created.e164, [created.organisation?.id]);
    // The organisation's representatives hear about an unpublished number however the report came.
    await alertOrganisationAboutReport(created);
    // Visitors' reports count in the verdict too: the feeds have the number before the visitor is thanked.
    await refreshListingAfterWrite(created.e164);
    return created;
  } catch (error) {
    await refund(spent, key);
    if (isUniqueViolation(error)) {
      const stored = await findByKey(key, data.idempotencyKey);
      if (stored) return stored;
    }
    throw error;
  }
}

/** The form's fields, with "complete the check" among the field messages when it was not done, so all come back at once. */
export function parseAnonymousReport(input: unknown, proofOfWork: unknown): ReportInput {
  try {
    // parseOrThrow, as a member's report: control characters are refused, not quietly dropped.
    return parseOrThrow(reportSchema, input);
  } catch (error) {
    if (error instanceof AppError && error.code === "INVALID" && !parseProofOfWorkPayload(proofOfWork)) {
      throw new AppError("INVALID", error.message, { ...error.fieldErrors, altcha: [CHECK_MISSING] });
    }
    throw error;
  }
}

async function findByKey(anonymousKey: string, idempotencyKey: string): Promise<CreatedReport | null> {
  const report = await db.report.findUnique({
    where: { anonymousKey_idempotencyKey: { anonymousKey, idempotencyKey } },
    select: { id: true, e164: true, bodyMasked: true, organisation: { select: { id: true, slug: true, name: true, status: true } } },
  });
  return report ? { id: report.id, e164: report.e164, duplicate: true, masked: report.bodyMasked, organisation: report.organisation } : null;
}

const PLAN: [LimitName, string][] = [
  ["anonymous-report-hour", "Reports without an account are limited to two an hour from one network (members may send more)"],
  ["anonymous-report", "Reports without an account are limited to five a day from one network (members may send more)"],
];

async function spendLimits(key: string): Promise<LimitName[]> {
  const spent: LimitName[] = [];
  try {
    for (const [name, message] of PLAN) {
      await consumeLimit(name, key, message);
      spent.push(name);
    }
  } catch (error) {
    await refund(spent, key);
    throw error;
  }
  return spent;
}

async function refund(spent: LimitName[], key: string): Promise<void> {
  for (const name of spent) await refundLimit(name, key);
}
