import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "../accounts/authz";
import { db } from "../platform/db";
import { formatE164 } from "../numbers/phone";
import { AppError } from "../platform/errors";
import { createReport } from "../reports/report";
import { addRegistryEntry, revokeRegistryEntry } from "../registry/promote";
import { mergeOrganisation, updateOrganisation } from "../organisations/admin";
import { watchNumber } from "../watches/watch";
import { castVote } from "../votes/vote";
import { unwatchOrganisation, watchOrganisation } from "../watches/organisation-watch";
import { WATCH_LIMIT } from "../watches/limit";
import { checkVerdictChange, fanOutEvent, sweepVerdictsAfterVotes } from "./fanout";
import { listDueGroups, listUndeliveredAlertEmails, sendGroup } from "./send";
import { setAlertsPaused, setWatchAlertMode, unsubscribe } from "./preferences";
import { unsubscribeToken } from "./unsubscribe-token";
import { listWhatsNewAndMarkRead } from "./whats-new";

process.env.AUTH_SECRET ??= "alerts-db-test-secret";
const root = path.resolve(import.meta.dirname, "../..");
const key = () => randomBytes(6).toString("hex");
const DAY = 86_400_000;
let seq = 0;

async function member(options: { role?: "USER" | "MODERATOR"; suspended?: boolean; deleted?: boolean; unconfirmed?: boolean } = {}): Promise<Actor> {
  const n = ++seq;
  return db.user.create({
    data: {
      email: `alert${n}-${key()}@example.com`,
      name: `Member ${n}`,
      role: options.role ?? "USER",
      createdAt: new Date(Date.now() - 60 * DAY),
      emailVerified: options.unconfirmed ? null : new Date(),
      suspendedAt: options.suspended ? new Date() : null,
      deletedAt: options.deleted ? new Date() : null,
    },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}

async function organisation(name: string) {
  return db.organisation.create({ data: { name: `${name} ${key()}`, slug: `${name.toLowerCase()}-${key()}`, searchText: name.toLowerCase(), status: "ACTIVE" }, select: { id: true, name: true, slug: true } });
}

/** A fresh Australian mobile for each test. */
const freshNumber = () => `+61412${String(randomInt(0, 1_000_000)).padStart(6, "0")}`;

const report = (reporter: Actor, number: string, over: Record<string, unknown> = {}) =>
  createReport(reporter, { number, occurredAt: "", channel: "CALL", category: "IMPERSONATION", askedFor: [], idempotencyKey: key(), ...over }, { address: `a-${key()}` });

async function fanOutAll(now?: Date) {
  for (let round = 0; round < 3; round++) {
    const pending = await db.alertEvent.findMany({ where: { fannedOutAt: null }, orderBy: { createdAt: "asc" }, select: { id: true } });
    if (pending.length === 0) return;
    for (const { id } of pending) await fanOutEvent(id, now);
  }
}

const mailsTo = (email: string) => db.outboxEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" }, select: { subject: true, text: true, html: true, headers: true } });

async function until(what: string, check: () => Promise<boolean>, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function startWorker(extraEnv: Record<string, string> = {}): ChildProcess {
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, ALERT_POLL_MS: "300", NODE_ENV: "test", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", () => undefined);
  child.stderr?.on("data", (chunk) => process.stderr.write(`[worker] ${chunk}`));
  return child;
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

describe("alerts for a watched organisation, through the real queue", () => {
  let child: ChildProcess | null = null;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill("SIGKILL");
      await exited(child);
    }
  });

  test("one report from an unlisted number gives exactly one e-mail per watcher, though the worker is killed mid-batch and restarted", async () => {
    const moderator = await member({ role: "MODERATOR" });
    const org = await organisation("Insurer");
    await addRegistryEntry(moderator, { number: "+61491570001", organisationId: org.id, evidence: { method: "OFFICIAL_WEBSITE", source: "https://insurer.example/numbers" } });
    const watchers = await Promise.all(Array.from({ length: 5 }, () => member()));
    const suspended = await member();
    const deleted = await member();
    const reporter = await member();
    for (const watcher of [...watchers, suspended, deleted, reporter]) await watchOrganisation(watcher, { organisationId: org.id });
    await db.user.update({ where: { id: suspended.id }, data: { suspendedAt: new Date() } });
    await db.user.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    // Events from before the watches (the registry entry) are drained first, so only the report's remain.
    await fanOutAll();

    const secret = `my policy number is SECRET-${key()}`;
    await report(reporter, "0491 570 159", { organisationId: org.id, body: secret });
    expect(await db.alertEvent.count({ where: { kind: "IMPERSONATION", organisationId: org.id } })).toBe(1);

    const sentTo = async () => db.outboxEmail.count({ where: { to: { in: watchers.map((w) => w.email) } } });
    child = startWorker({ ALERT_WORKER_TEST_HOLD_AFTER: "2" });
    await until("two e-mails sent", async () => (await sentTo()) >= 2);
    child.kill("SIGKILL");
    await exited(child);
    expect(await sentTo()).toBe(2); // killed mid-batch: three watchers still wait

    child = startWorker();
    await until("every watcher e-mailed", async () => (await sentTo()) >= watchers.length);
    await until("nothing left to send", async () => (await listDueGroups()).length === 0 && (await db.alertEvent.count({ where: { fannedOutAt: null } })) === 0);
    child.kill("SIGTERM");
    await exited(child);

    for (const watcher of watchers) {
      const mails = await mailsTo(watcher.email);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail.subject).toMatch(/^CallerCheck: /);
      expect(mail.text).toContain("Possible impersonation of");
      expect(mail.text).toContain("+61 491 570 159");
      expect(mail.text).not.toContain("SECRET");
      expect(mail.html).not.toContain("SECRET");
      expect(mail.headers).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
      expect((mail.headers as Record<string, string>)["List-Unsubscribe"]).toMatch(/^<http.*\/api\/alerts\/unsubscribe\?token=.+>$/);
    }
    for (const nobody of [suspended, deleted, reporter]) expect(await mailsTo(nobody.email)).toHaveLength(0);
    // A job repeated for a group already sent (as the killed worker's held job will be) sends nothing.
    for (const watcher of watchers) expect(await sendGroup({ userId: watcher.id, watchKey: `o:${org.id}` })).toBeNull();
    expect(await db.alertEmail.count({ where: { userId: { in: watchers.map((w) => w.id) } } })).toBe(watchers.length);
    const jobs = await db.$queryRaw<{ state: string; count: bigint }[]>`SELECT state::text, count(*) FROM pgboss.job WHERE name = 'alert-email' GROUP BY 1`;
    expect(jobs.some((row) => row.state === "completed")).toBe(true);
  });
});

describe("alerts, step by step", () => {
  beforeAll(async () => fanOutAll());

  test("a daily digest collects a day's events into one e-mail", async () => {
    const watcher = await member();
    const reporter = await member();
    const moderator = await member({ role: "MODERATOR" });
    const org = await organisation("Bank");
    const number = freshNumber();
    await watchNumber(watcher, { e164: number });
    await watchOrganisation(watcher, { organisationId: org.id });
    await setWatchAlertMode(watcher, { watchKey: `n:${number}`, mode: "DAILY" });
    await setWatchAlertMode(watcher, { watchKey: `o:${org.id}`, mode: "DAILY" });

    const morning = new Date("2031-05-06T08:00:00Z");
    await report(reporter, number, { category: "SCAM" });
    await fanOutAll(morning);
    await report(reporter, "0491 570 110", { organisationId: org.id });
    await updateOrganisation(moderator, org.id, { name: org.name, category: "BANK", officialPhone: "1800 160 401", policyNeverAsks: "Your password", reason: "From its website" });
    await fanOutAll(new Date("2031-05-06T21:00:00Z"));

    expect((await listDueGroups(new Date("2031-05-07T06:59:00Z"))).filter((g) => g.userId === watcher.id)).toEqual([]);
    const due = (await listDueGroups(new Date("2031-05-07T07:00:00Z"))).filter((g) => g.userId === watcher.id);
    expect(due).toEqual([{ userId: watcher.id, watchKey: null }]);
    const sent = await sendGroup(due[0], new Date("2031-05-07T07:00:00Z"));
    expect(sent?.events).toBe(4); // new report, impersonation, callback number, calling policy
    const mails = await mailsTo(watcher.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("CallerCheck: your daily digest (4 updates)");
    expect(mails[0].text).toContain("New report on");
    expect(mails[0].text).toContain("Possible impersonation");
    expect(mails[0].text).toContain("changed its official callback number from none to +61 1800 160 401");
    expect(mails[0].text).toContain("changed its calling policy: what it never asks for");
    expect(await sendGroup(due[0], new Date("2031-05-07T07:05:00Z"))).toBeNull();
  });

  test("'at once' sends at most one e-mail per watch per hour, and the rest wait for the hour", async () => {
    const watcher = await member();
    const reporter = await member();
    const number = freshNumber();
    await watchNumber(watcher, { e164: number });
    const t0 = new Date();
    await report(reporter, number, { category: "SCAM" });
    await fanOutAll(t0);
    const [first] = (await listDueGroups(t0)).filter((g) => g.userId === watcher.id);
    expect(await sendGroup(first, t0)).not.toBeNull();
    await report(reporter, number, { category: "ROBOCALL" });
    await report(reporter, number, { category: "SCAM" });
    const t1 = new Date(t0.getTime() + 10 * 60_000);
    await fanOutAll(t1);
    expect((await listDueGroups(t1)).filter((g) => g.userId === watcher.id)).toEqual([]);
    const t2 = new Date(t0.getTime() + 61 * 60_000);
    const [later] = (await listDueGroups(t2)).filter((g) => g.userId === watcher.id);
    expect((await sendGroup(later, t2))?.events).toBe(2);
    const mails = await mailsTo(watcher.email);
    expect(mails.map((m) => m.subject)).toEqual([`CallerCheck: new alert for ${formatE164(number).international}`, `CallerCheck: 2 new alerts for ${formatE164(number).international}`]);
  });

  test("registry changes alert the number's and the organisation's watchers", async () => {
    const moderator = await member({ role: "MODERATOR" });
    const numberWatcher = await member();
    const orgWatcher = await member();
    const org = await organisation("Telco");
    const number = freshNumber();
    await watchNumber(numberWatcher, { e164: number });
    await watchOrganisation(orgWatcher, { organisationId: org.id });
    const entry = await addRegistryEntry(moderator, { number, organisationId: org.id, evidence: { method: "OFFICIAL_WEBSITE", source: "https://telco.example" } });
    await revokeRegistryEntry(moderator, entry.id, "No longer listed on its website");
    await fanOutAll();
    const texts = async (userId: string) => (await listWhatsNewAndMarkRead(userId)).map((item) => item.text);
    const forNumber = await texts(numberWatcher.id);
    expect(forNumber.some((t) => t.includes("is now in the verified registry"))).toBe(true);
    expect(forNumber.some((t) => t.includes("was taken out of the verified registry"))).toBe(true);
    expect((await texts(orgWatcher.id)).some((t) => t.includes("has a new verified outbound number"))).toBe(true);
    // Marked read when seen.
    expect((await listWhatsNewAndMarkRead(orgWatcher.id)).every((item) => !item.unread)).toBe(true);
  });

  test("a change of a watched number's verdict by reports is announced once", async () => {
    const watcher = await member();
    const number = freshNumber();
    await watchNumber(watcher, { e164: number });
    const reporters = await Promise.all([member(), member(), member(), member()]);
    for (const reporter of reporters) {
      await report(reporter, number, { category: "SCAM" });
      await fanOutAll();
    }
    const changes = await db.alertEvent.findMany({ where: { e164: number, kind: "VERDICT_CHANGED" }, select: { data: true } });
    expect(changes.length).toBeGreaterThanOrEqual(1);
    expect(changes[0].data).toMatchObject({ from: "Not enough reports yet" });
    const items = (await listWhatsNewAndMarkRead(watcher.id)).map((item) => item.text);
    expect(items.filter((text) => text.startsWith(`The verdict on ${formatE164(number).international} changed`))).toHaveLength(changes.length);
    // Nothing changed since: checking again announces nothing.
    expect(await checkVerdictChange(number)).toBe(false);
    expect(await sweepVerdictsAfterVotes()).toBe(0);
  });

  test("votes that change a watched number's verdict are announced by the worker's sweep", async () => {
    const watcher = await member();
    const number = freshNumber();
    await watchNumber(watcher, { e164: number });
    await report(await member(), number, { category: "OTHER" });
    await fanOutAll();
    await sweepVerdictsAfterVotes();
    const voters = await Promise.all(Array.from({ length: 6 }, () => member()));
    for (const voter of voters) await castVote(voter, { e164: number, legitimate: true });
    expect(await sweepVerdictsAfterVotes(new Date(Date.now() + 1000))).toBe(1);
    await fanOutAll();
    const [change] = await db.alertEvent.findMany({ where: { e164: number, kind: "VERDICT_CHANGED" }, select: { data: true } });
    expect(change.data).toEqual({ from: "Not enough reports yet", to: "Likely legitimate" });
    expect(await db.notification.count({ where: { userId: watcher.id, event: { kind: "VERDICT_CHANGED" } } })).toBe(1);
  });

  test("suspended and deleted members get nothing, also when suspended after the event", async () => {
    const reporter = await member();
    const active = await member();
    const suspended = await member({ suspended: true });
    const deleted = await member({ deleted: true });
    const laterSuspended = await member();
    const unconfirmed = await member({ unconfirmed: true });
    const org = await organisation("Utility");
    for (const who of [active, laterSuspended, unconfirmed]) await watchOrganisation(who, { organisationId: org.id });
    await db.organisationWatch.createMany({ data: [suspended, deleted].map((who) => ({ userId: who.id, organisationId: org.id })) });
    await report(reporter, freshNumber(), { organisationId: org.id });
    await fanOutAll();
    const notified = await db.notification.findMany({ where: { watchKey: `o:${org.id}` }, select: { userId: true } });
    expect(notified.map((n) => n.userId).sort()).toEqual([active.id, laterSuspended.id, unconfirmed.id].sort());
    await db.user.update({ where: { id: laterSuspended.id }, data: { suspendedAt: new Date() } });
    for (const group of await listDueGroups()) await sendGroup(group);
    expect(await mailsTo(active.email)).toHaveLength(1);
    for (const who of [suspended, deleted, laterSuspended, unconfirmed]) expect(await mailsTo(who.email)).toHaveLength(0);
  });

  test("pausing all e-mail keeps 'What's new' but sends nothing", async () => {
    const watcher = await member();
    const reporter = await member();
    const org = await organisation("Charity");
    await watchOrganisation(watcher, { organisationId: org.id });
    await setAlertsPaused(watcher, { paused: "1" });
    await report(reporter, freshNumber(), { organisationId: org.id });
    await fanOutAll();
    for (const group of await listDueGroups()) await sendGroup(group);
    expect(await mailsTo(watcher.email)).toHaveLength(0);
    const items = await listWhatsNewAndMarkRead(watcher.id);
    expect(items).toHaveLength(1);
    expect(items[0].unread).toBe(true);
  });

  test("the unsubscribe link turns off that one watch; a tampered link is refused and changes nothing", async () => {
    const watcher = await member();
    const other = await member();
    const a = await organisation("Retailer");
    const b = await organisation("Government");
    await watchOrganisation(watcher, { organisationId: a.id });
    await watchOrganisation(watcher, { organisationId: b.id });
    await watchOrganisation(other, { organisationId: a.id });
    const token = unsubscribeToken(watcher.id, `o:${a.id}`);
    const [payload, signature] = token.split(".");
    const forged = [
      `${Buffer.from(`${watcher.id}|o:${b.id}`).toString("base64url")}.${signature}`, // another watch
      `${Buffer.from(`${other.id}|o:${a.id}`).toString("base64url")}.${signature}`, // another member
      `${payload}.${signature.slice(0, -2)}xx`,
      `${payload}`,
      "",
    ];
    const modes = () => db.organisationWatch.findMany({ where: { userId: { in: [watcher.id, other.id] } }, orderBy: [{ userId: "asc" }, { organisationId: "asc" }], select: { userId: true, organisationId: true, alertMode: true } });
    const before = await modes();
    for (const bad of forged) await expect(unsubscribe(bad)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "INVALID");
    expect(await modes()).toEqual(before);

    expect(await unsubscribe(token)).toEqual({ scope: "WATCH", label: a.name });
    const after = await modes();
    expect(after.filter((w) => w.alertMode === "OFF")).toEqual([{ userId: watcher.id, organisationId: a.id, alertMode: "OFF" }]);
  });

  test("merging an organisation moves its watchers to the one it is merged into", async () => {
    const moderator = await member({ role: "MODERATOR" });
    const [source, target] = [await organisation("Source"), await organisation("Target")];
    const [a, b] = [await member(), await member()];
    await watchOrganisation(a, { organisationId: source.id });
    await watchOrganisation(b, { organisationId: source.id });
    await watchOrganisation(b, { organisationId: target.id });
    await setWatchAlertMode(b, { watchKey: `o:${target.id}`, mode: "DAILY" });
    await mergeOrganisation(moderator, source.id, target.id, "Same insurer under two names");
    const rows = await db.organisationWatch.findMany({ where: { userId: { in: [a.id, b.id] } }, select: { userId: true, organisationId: true, alertMode: true } });
    expect(rows.sort((x, y) => x.userId.localeCompare(y.userId))).toEqual(
      [
        { userId: a.id, organisationId: target.id, alertMode: "INSTANT" },
        { userId: b.id, organisationId: target.id, alertMode: "DAILY" },
      ].sort((x, y) => x.userId.localeCompare(y.userId)),
    );
  });

  test("alert e-mails stored but not handed to SMTP are found again for delivery, for a day", async () => {
    const who = await member();
    const now = new Date();
    const make = async (minutesAgo: number, sent: boolean) => {
      const createdAt = new Date(now.getTime() - minutesAgo * 60_000);
      const outbox = await db.outboxEmail.create({ data: { to: who.email, subject: "CallerCheck: x", text: "x", sentAt: sent ? now : null, createdAt }, select: { id: true } });
      await db.alertEmail.create({ data: { userId: who.id, idempotencyKey: `test:${key()}`, outboxEmailId: outbox.id, createdAt } });
      return outbox.id;
    };
    const waiting = await make(5, false);
    const delivered = await make(5, true);
    const justNow = await make(0, false);
    const tooOld = await make(2 * 24 * 60, false);
    const found = await listUndeliveredAlertEmails(now);
    expect(found).toContain(waiting);
    for (const id of [delivered, justNow, tooOld]) expect(found).not.toContain(id);
  });

  test("a member may watch at most 200 numbers and organisations together", async () => {
    const watcher = await member();
    const orgs = await Promise.all([organisation("LimitA"), organisation("LimitB")]);
    const numbers = Array.from({ length: WATCH_LIMIT - 1 }, (_, i) => `+6149158${String(i).padStart(4, "0")}`);
    await db.phoneNumber.createMany({ data: numbers.map((e164) => ({ e164 })), skipDuplicates: true });
    await db.watch.createMany({ data: numbers.map((e164) => ({ userId: watcher.id, e164 })) });
    await watchOrganisation(watcher, { organisationId: orgs[0].id });
    await expect(watchOrganisation(watcher, { organisationId: orgs[1].id })).rejects.toSatisfy((e) => e instanceof AppError && e.code === "CONFLICT");
    await expect(watchNumber(watcher, { e164: "+61491589999" })).rejects.toSatisfy((e) => e instanceof AppError && e.code === "CONFLICT");
    // Watching again what is already watched is not refused; freeing one makes room.
    await watchOrganisation(watcher, { organisationId: orgs[0].id });
    await unwatchOrganisation(watcher, { organisationId: orgs[0].id });
    await watchOrganisation(watcher, { organisationId: orgs[1].id });
    expect(await db.organisationWatch.count({ where: { userId: watcher.id } })).toBe(1);
  });
});
