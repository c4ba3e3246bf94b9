import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { db } from "../platform/db";
import { ensureNumberClaim } from "../votes/vote";
import { QUEUE_PAGE_SIZE } from "../platform/queue-pages";
import { listFlagQueue, listOpenAlerts } from "./queues";
import { listPendingRemovals } from "./removals";
import { listProposedOrganisations } from "../organisations/admin";
import { listRepresentatives } from "../representatives/representation";

test("alerts, removal requests and flags come in bounded pages; walking the cursors visits each once", async () => {
  const claim = await ensureNumberClaim("+61491570177");
  await db.claimAlert.createMany({ data: Array.from({ length: QUEUE_PAGE_SIZE * 2 + 5 }, (_, i) => ({ claimId: claim.id, kind: "VOTE_BURST", createdAt: new Date(Date.UTC(2026, 0, 1, 0, i % 7)) })) });
  await db.removalRequest.createMany({
    data: Array.from({ length: QUEUE_PAGE_SIZE + 3 }, (_, i) => ({ e164: "+61491570177", name: "Owner", email: `owner${i}@example.com`, reason: "Mine", createdAt: new Date(Date.UTC(2026, 0, 1, 0, i % 5)) })),
  });
  const author = await db.user.create({ data: { email: `qp-${randomBytes(4).toString("hex")}@example.com`, name: "Author" }, select: { id: true } });
  const flaggers = await Promise.all(Array.from({ length: 3 }, (_, i) => db.user.create({ data: { email: `qpf-${i}-${randomBytes(4).toString("hex")}@example.com`, name: "Flagger" }, select: { id: true } })));
  const comments = await Promise.all(Array.from({ length: 45 }, () => db.comment.create({ data: { e164: "+61491570177", authorId: author.id, body: "text" }, select: { id: true } })));
  await db.flag.createMany({ data: comments.flatMap((comment) => flaggers.map((flagger) => ({ commentId: comment.id, flaggerId: flagger.id, reason: "SPAM" as const }))) });

  const walk = async <T extends { id: string }>(page: (after?: string) => Promise<T[]>) => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 20; i++) {
      const rows = await page(after);
      expect(rows.length).toBeLessThanOrEqual(QUEUE_PAGE_SIZE);
      seen.push(...rows.map((row) => row.id));
      if (rows.length < QUEUE_PAGE_SIZE) break;
      after = rows[rows.length - 1].id;
    }
    return seen;
  };
  const alerts = await walk((after) => listOpenAlerts(QUEUE_PAGE_SIZE, after));
  expect(alerts).toHaveLength(QUEUE_PAGE_SIZE * 2 + 5);
  expect(new Set(alerts).size).toBe(alerts.length);
  const removals = await walk((after) => listPendingRemovals(QUEUE_PAGE_SIZE, after));
  expect(new Set(removals).size).toBe(QUEUE_PAGE_SIZE + 3);

  const flagged = new Set<string>();
  let flagsSeen = 0;
  let after: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await listFlagQueue(40, after);
    for (const item of page.items) {
      flagged.add(item.id);
      flagsSeen += item.flags.length;
    }
    if (!page.next) break;
    after = page.next;
  }
  expect(flagged.size).toBe(45);
  expect(flagsSeen).toBe(135);
});

test("proposed organisations and representatives come in bounded pages too; walking the cursors visits each once", async () => {
  const tag = randomBytes(4).toString("hex");
  const createdAt = new Date(Date.UTC(2026, 0, 2));
  await db.organisation.createMany({
    data: Array.from({ length: QUEUE_PAGE_SIZE + 7 }, (_, i) => ({ slug: `proposed-${tag}-${i}`, name: `Proposed ${tag} ${i}`, status: "PROPOSED" as const, createdAt })),
  });
  const seen: string[] = [];
  let after: string | undefined;
  for (let i = 0; i < 20; i++) {
    const rows = await listProposedOrganisations(QUEUE_PAGE_SIZE, after);
    expect(rows.length).toBeLessThanOrEqual(QUEUE_PAGE_SIZE);
    seen.push(...rows.map((row) => row.id));
    if (rows.length < QUEUE_PAGE_SIZE) break;
    after = rows[rows.length - 1]!.id;
  }
  expect(new Set(seen).size).toBe(seen.length);
  const mineProposed = await db.organisation.findMany({ where: { slug: { startsWith: `proposed-${tag}-` } }, select: { id: true } });
  expect(mineProposed).toHaveLength(QUEUE_PAGE_SIZE + 7);
  for (const row of mineProposed) expect(seen).toContain(row.id);

  const organisation = await db.organisation.findFirstOrThrow({ where: { slug: `proposed-${tag}-0` }, select: { id: true } });
  const members = await Promise.all(Array.from({ length: 12 }, (_, i) => db.user.create({ data: { email: `rep-${tag}-${i}@example.com`, name: "Rep" }, select: { id: true } })));
  await db.organisationRepresentative.createMany({
    data: members.map((member, i) => ({ userId: member.id, organisationId: organisation.id, status: i % 2 ? ("PENDING" as const) : ("ACTIVE" as const), method: "MODERATOR" as const, email: `rep-${tag}-${i}@example.com`, createdAt })),
  });
  // Each status is its own queue; walking one visits each of its rows once, this test's rows among them.
  for (const status of ["PENDING", "ACTIVE"] as const) {
    const seenReps: string[] = [];
    let repAfter: string | undefined;
    for (let i = 0; i < 200; i++) {
      const rows = await listRepresentatives({ status, take: 5, after: repAfter });
      expect(rows.every((row) => row.status === status)).toBe(true);
      seenReps.push(...rows.map((row) => row.id));
      if (rows.length < 5) break;
      repAfter = rows[rows.length - 1]!.id;
    }
    expect(new Set(seenReps).size).toBe(seenReps.length);
    const mine = await db.organisationRepresentative.findMany({ where: { organisationId: organisation.id, status }, select: { id: true } });
    expect(mine).toHaveLength(6);
    for (const row of mine) expect(seenReps).toContain(row.id);
  }
});
