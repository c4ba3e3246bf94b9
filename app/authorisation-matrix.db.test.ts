import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { ACTORS, AUTHORISATION_MATRIX, type Access, type ActorKind } from "@/lib/accounts/authorisation-matrix";
import { db } from "@/lib/platform/db";
import { CLIENT_ADDRESS_HEADER } from "@/lib/platform/rate-limit";
import { encodeSessionToken } from "@/lib/accounts/session-token";

// Every server action and route handler, called directly (no UI) as each kind of actor, against
// lib/accounts/authorisation-matrix.ts. Only Next's request-bound helpers are replaced (the request's
// Cookie header holds a real session token minted for the actor); the actions, commands and PostgreSQL are real.

const root = path.resolve(import.meta.dirname, "..");

let sessionCookie: string | null = null;
let address = 0;
process.env.AUTH_SECRET ||= `matrix-${randomBytes(16).toString("hex")}`;

vi.mock("@/lib/accounts/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/accounts/auth")>()),
  signIn: async () => undefined,
  signOut: async () => undefined,
}));
vi.mock("next/headers", () => ({
  // The app reads the client address only from its private header (scripts/server.mjs sets it); each
  // call gets its own, so per-address limits never collide. (Literal: vi.mock is hoisted above imports.)
  headers: async () =>
    new Headers({
      "x-callercheck-client-address": `10.77.${Math.floor(address / 250)}.${address++ % 250}`,
      ...(sessionCookie ? { cookie: `authjs.session-token=${sessionCookie}` } : {}),
    }),
  cookies: async () => ({ get: () => undefined, set: () => undefined, getAll: () => [], has: () => false, delete: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, updateTag: () => undefined }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (work: unknown) => void (typeof work === "function" ? Promise.resolve(work()).catch(() => undefined) : undefined),
}));

// --- discovery: what exists in app/ and components/ ---------------------------------------------

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) return [];
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function discover(): string[] {
  const found: string[] = [];
  for (const file of [...filesUnder(path.join(root, "app")), ...filesUnder(path.join(root, "components"))]) {
    const source = readFileSync(file, "utf8");
    const rel = path.relative(root, file).split(path.sep).join("/");
    if (/^\s*["']use server["']/.test(source)) {
      for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function\s+|const\s+)(\w+)/g)) found.push(`${rel}#${match[1]}`);
    } else if (/["']use server["']/.test(source)) {
      found.push(`${rel}#inline`);
    }
    if (path.basename(file) === "route.ts") {
      for (const match of source.matchAll(/export\s+(?:(?:async\s+)?function|const)\s+(?:\{([^}]*)\}|(\w+))/g)) {
        const names = match[1] ? match[1].split(",").map((name) => name.trim().split(/\s+as\s+/).pop()!.trim()) : [match[2]];
        for (const name of names) if (/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(name)) found.push(`${rel}#${name}`);
      }
    }
  }
  return found.sort();
}

test("the matrix names every server action and route handler, and nothing else", () => {
  const found = discover();
  const missing = found.filter((key) => !(key in AUTHORISATION_MATRIX));
  const stale = Object.keys(AUTHORISATION_MATRIX).filter((key) => !found.includes(key));
  const advice = [
    missing.length
      ? `Add to AUTHORISATION_MATRIX in lib/accounts/authorisation-matrix.ts (and an input in app/authorisation-matrix.db.test.ts' INPUTS):\n${missing.map((key) => `  "${key}": <everyone | signedIn | writers | staff | admins>,`).join("\n")}`
      : "",
    stale.length ? `Remove from AUTHORISATION_MATRIX (no longer in the code):\n${stale.map((key) => `  "${key}"`).join("\n")}` : "",
  ].filter(Boolean).join("\n\n");
  expect(advice, advice).toBe("");
  expect(found.length).toBeGreaterThan(40);
});

// --- calling each entry -------------------------------------------------------------------------

const uid = () => randomBytes(5).toString("hex");
const E164 = "+61491579911";
const actors = {} as Record<ActorKind, { id: string; role: string } | null>;
const fixtures = { claimId: "", organisationId: "", organisationSlug: "", otherOrganisationId: "", commentId: "", reportId: "", requestId: "", targetUserId: "", representativeId: "", statementId: "" };

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};
// A route handler reads the session and the address from its Request (lib/accounts/write-route.ts), as the
// server hands it over; others read them through next/headers (mocked above).
const clientHeader = () => ({ [CLIENT_ADDRESS_HEADER]: `10.78.${Math.floor(address / 250)}.${address++ % 250}`, ...(sessionCookie ? { cookie: `authjs.session-token=${sessionCookie}` } : {}) });
const get = (url: string) => new Request(`http://localhost${url}`, { headers: clientHeader() });
const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${url}`, { method: "POST", headers: { ...clientHeader(), "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const NO_SUCH_ID = "c0000000000000000000000000";

type Call = () => Promise<unknown>;
/** One realistic call per entry; allowed actors may still fail on their input, never on authorisation. */
const INPUTS: Record<string, (modules: Modules) => Call> = {
  "app/(auth)/actions.ts#signInAction": (m) => () => m.auth.signInAction(null, form({ email: `nobody-${uid()}@example.com`, password: "a long enough password" })),
  "app/(auth)/actions.ts#signUpAction": (m) => () => m.auth.signUpAction(null, form({ name: "Matrix Person", email: `m-${uid()}@example.com`, password: "tangerine velvet window" })),
  "app/(auth)/actions.ts#forgotPasswordAction": (m) => () => m.auth.forgotPasswordAction(null, form({ email: `m-${uid()}@example.com` })),
  "app/(auth)/actions.ts#resetPasswordAction": (m) => () => m.auth.resetPasswordAction(null, form({ token: "not-a-real-token-value", password: "tangerine velvet window" })),
  "app/account/actions.ts#resendConfirmationAction": (m) => () => m.account.resendConfirmationAction(null, form({})),
  "app/account/actions.ts#toggleWatchAction": (m) => () => m.account.toggleWatchAction(null, form({ e164: E164, watch: "1" })),
  "app/account/actions.ts#deleteAccountAction": (m) => () => m.account.deleteAccountAction(null, form({ confirmation: "not a match" })),
  "app/account/actions.ts#signOutEverywhereAction": (m) => () => m.account.signOutEverywhereAction(null, form({})),
  "app/account/actions.ts#changePasswordAction": (m) => () => m.account.changePasswordAction(null, form({ current: "not the password at all", password: "a brand new passphrase" })),
  "app/account/export/route.ts#GET": (m) => () => m.exportRoute.GET(),
  "app/api/me/route.ts#GET": (m) => () => m.meRoute.GET(get("/api/me"), undefined),
  "components/sign-out-action.ts#signOutAction": (m) => () => m.signOut.signOutAction(),
  "app/api/auth/[...nextauth]/route.ts#GET": (m) => () => m.authRoute.GET(new NextRequest("http://localhost/api/auth/csrf")),
  "app/api/auth/[...nextauth]/route.ts#POST": (m) => () => m.authRoute.POST(new NextRequest("http://localhost/api/auth/signout", { method: "POST", body: new URLSearchParams({ csrfToken: "x" }) })),
  "app/report/actions.ts#createReportAction": (m) => () => m.report.createReportAction(null as never, form({ number: E164, category: "SCAM", channel: "CALL", idempotencyKey: `key-${uid()}` })),
  "app/api/reports/route.ts#POST": (m) => () => m.reportsRoute.POST(postJson("/api/reports", { number: E164, category: "SCAM", channel: "CALL", askedFor: [], idempotencyKey: `key-${uid()}` })),
  "app/api/votes/route.ts#POST": (m) => () => m.votesRoute.POST(postJson("/api/votes", { claimId: fixtures.claimId, legitimate: false })),
  "app/api/votes/route.ts#DELETE": (m) => () => m.votesRoute.DELETE(new Request("http://localhost/api/votes", { method: "DELETE", headers: { ...clientHeader(), "content-type": "application/json" }, body: JSON.stringify({ claimId: fixtures.claimId }) })),
  "app/numbers/[number]/comment-actions.ts#postCommentAction": (m) => () => m.comments.postCommentAction(null, form({ e164: E164, body: "A matrix comment about this number." })),
  "app/numbers/[number]/comment-actions.ts#editCommentAction": (m) => () => m.comments.editCommentAction(null, form({ commentId: fixtures.commentId, body: "Edited by someone." })),
  "app/numbers/[number]/comment-actions.ts#deleteCommentAction": (m) => () => m.comments.deleteCommentAction(null, form({ commentId: fixtures.commentId })),
  "app/numbers/[number]/comment-actions.ts#flagCommentAction": (m) => () => m.comments.flagCommentAction(null, form({ commentId: fixtures.commentId, reason: "SPAM" })),
  "app/numbers/[number]/report-actions.ts#flagReportAction": (m) => () => m.reportFlags.flagReportAction(null, form({ reportId: fixtures.reportId, reason: "SPAM" })),
  "app/numbers/[number]/comment-actions.ts#loadCommentsAction": (m) => () => m.comments.loadCommentsAction({ e164: E164 }),
  "app/numbers/[number]/comment-actions.ts#loadRepliesAction": (m) => () => m.comments.loadRepliesAction({ e164: E164, parentId: "none", after: { createdAt: new Date(0).toISOString(), id: "a" } }),
  "app/numbers/[number]/removal/actions.ts#requestRemovalAction": (m) => () => m.removal.requestRemovalAction(null, form({ e164: E164, name: "Pat Owner", email: `owner-${uid()}@example.com`, reason: "This is my own number and it was listed by mistake." })),
  "app/moderation/actions.ts#promoteAction": (m) => () => m.moderation.promoteAction(null, form({ claimId: fixtures.claimId, method: "OFFICIAL_WEBSITE", source: "https://example.org/contact", reviewAt: "" })),
  "app/moderation/actions.ts#addEntryAction": (m) => () => m.moderation.addEntryAction(null, form({ number: "+61491579912", organisationId: fixtures.organisationId, method: "OFFICIAL_WEBSITE", source: "https://example.org/contact", reviewAt: "" })),
  "app/moderation/actions.ts#revokeAction": (m) => () => m.moderation.revokeAction(null, form({ claimId: fixtures.claimId, reason: "Matrix test revocation" })),
  "app/moderation/actions.ts#rejectClaimAction": (m) => () => m.moderation.rejectClaimAction(null, form({ claimId: fixtures.claimId, reason: "Matrix test rejection" })),
  "app/moderation/actions.ts#rejectNumberAction": (m) => () => m.moderation.rejectNumberAction(null, form({ number: E164, organisationId: fixtures.organisationId, reason: "Matrix test rejection" })),
  "app/moderation/actions.ts#flagAction": (m) => () => m.moderation.flagAction(null, form({ targetType: "comment", targetId: fixtures.commentId, decision: "dismiss", reason: "Matrix test decision" })),
  "app/moderation/actions.ts#alertAction": (m) => () => m.moderation.alertAction(null, form({ alertId: "c0000000000000000000000000", reason: "Matrix test decision" })),
  "app/moderation/actions.ts#activateOrganisationAction": (m) => () => m.moderation.activateOrganisationAction(null, form({ organisationId: fixtures.otherOrganisationId, reason: "Matrix test activation" })),
  "app/moderation/actions.ts#editOrganisationAction": (m) => () => m.moderation.editOrganisationAction(null, form({ organisationId: fixtures.organisationId, name: "Matrix Org", category: "BANK", reason: "Matrix test edit" })),
  "app/moderation/actions.ts#mergeOrganisationAction": (m) => () => m.moderation.mergeOrganisationAction(null, form({ organisationId: fixtures.otherOrganisationId, targetId: fixtures.otherOrganisationId, reason: "Matrix test merge" })),
  "app/moderation/actions.ts#removalAction": (m) => () => m.moderation.removalAction(null, form({ requestId: fixtures.requestId, decision: "reject", reason: "Matrix test decision" })),
  "app/moderation/actions.ts#suspensionAction": (m) => () => m.moderation.suspensionAction(null, form({ userId: fixtures.targetUserId, decision: "unsuspend", reason: "Matrix test decision" })),
  "app/moderation/actions.ts#roleAction": (m) => () => m.moderation.roleAction(null, form({ userId: fixtures.targetUserId, role: "USER", reason: "Matrix test decision" })),
  "app/api/health/route.ts#GET": (m) => async () => m.health.GET(),
  "app/api/organisations/search/route.ts#GET": (m) => () => m.orgSearch.GET(new NextRequest("http://localhost/api/organisations/search?q=matrix")),
  "app/api/v1/numbers/[number]/route.ts#GET": (m) => () => m.numberApi.GET(get(`/api/v1/numbers/${E164}`), { params: Promise.resolve({ number: E164 }) }),
  "app/api/v1/openapi.json/route.ts#GET": (m) => () => m.openapi.GET(get("/api/v1/openapi.json"), {} as never),
  "app/api/v1/organisations/[slug]/route.ts#GET": (m) => () => m.orgApi.GET(get(`/api/v1/organisations/${fixtures.organisationSlug}`), { params: Promise.resolve({ slug: fixtures.organisationSlug }) }),
  "app/api/v1/registry/route.ts#GET": (m) => () => m.registryApi.GET(get("/api/v1/registry"), {} as never),
  "app/registry.csv/route.ts#GET": (m) => () => m.registryCsv.GET(),
  // Members' API keys (their own; one scoped to an organisation needs its confirmed representative).
  "app/account/actions.ts#createApiKeyAction": (m) => () => m.account.createApiKeyAction(null, form({ name: "Matrix key" })),
  "app/account/actions.ts#revokeApiKeyAction": (m) => () => m.account.revokeApiKeyAction(null, form({ id: NO_SUCH_ID })),
  // Alerts
  "app/account/alert-actions.ts#setWatchAlertModeAction": (m) => () => m.alerts.setWatchAlertModeAction(null, form({ watchKey: `n:${E164}`, mode: "DAILY" })),
  "app/account/alert-actions.ts#setAlertsPausedAction": (m) => () => m.alerts.setAlertsPausedAction(null, form({ paused: "0" })),
  "app/alerts/unsubscribe/actions.ts#unsubscribeAction": (m) => () => m.unsubscribe.unsubscribeAction(null, form({ token: "not-a-signed-token" })),
  "app/api/alerts/unsubscribe/route.ts#POST": (m) => () => m.unsubscribeRoute.POST(new Request("http://localhost/api/alerts/unsubscribe?token=not-a-signed-token", { method: "POST", headers: clientHeader(), body: "List-Unsubscribe=One-Click" }), {} as never),
  "app/api/alerts/unsubscribe/route.ts#GET": (m) => async () => m.unsubscribeRoute.GET(get("/api/alerts/unsubscribe?token=not-a-signed-token")),
  "app/organisations/[slug]/watch-actions.ts#toggleOrganisationWatchAction": (m) => () => m.orgWatch.toggleOrganisationWatchAction(null, form({ organisationId: fixtures.organisationId, watch: "1" })),
  // Reads and checks anyone may make
  "app/api/ready/route.ts#GET": (m) => () => m.ready.GET(),
  "app/api/report-challenge/route.ts#GET": (m) => () => m.reportChallenge.GET(),
  "app/api/v1/feeds/[feed]/route.ts#GET": (m) => () => m.feeds.GET(get("/api/v1/feeds/blocklist.json"), { params: Promise.resolve({ feed: "blocklist.json" }) }),
  "app/api/v1/lookup/prefix/[prefix]/route.ts#GET": (m) => () => m.prefixLookup.GET(get("/api/v1/lookup/prefix/abcde"), { params: Promise.resolve({ prefix: "abcde" }) }),
  "app/api/v1/organisations/[slug]/calls/check/route.ts#POST": (m) => () =>
    m.callCheckRoute.POST(postJson(`/api/v1/organisations/${fixtures.organisationSlug}/calls/check`, { reference: "K7PQ2M" }), { params: Promise.resolve({ slug: fixtures.organisationSlug }) }),
  "app/organisations/[slug]/actions.ts#checkCallAction": (m) => () => m.orgCheck.checkCallAction(null, form({ organisationId: fixtures.otherOrganisationId, reference: "K7PQ2M" })),
  "app/lookup/actions.ts#lookupNumberAction": (m) => () => m.lookup.lookupNumberAction("0412 345 678", "AU"),
  "app/sitemap.xml/route.ts#GET": (m) => () => m.sitemapIndex.GET(),
  "app/sitemaps/[file]/route.ts#GET": (m) => () => m.sitemapFile.GET(get("/sitemaps/pages.xml"), { params: Promise.resolve({ file: "pages.xml" }) }),
  // The organisation's own systems: only its API key (no session of any kind) records a call.
  "app/api/v1/organisations/[slug]/calls/route.ts#POST": (m) => () =>
    m.callsRoute.POST(postJson(`/api/v1/organisations/${fixtures.organisationSlug}/calls`, { from: "+61270101234" }), { params: Promise.resolve({ slug: fixtures.organisationSlug }) }),
  // Representatives: asking to become one; the console (its representatives and staff; none of the five kinds represents the organisation).
  "app/organisations/[slug]/represent/actions.ts#requestRepresentationAction": (m) => () =>
    m.represent.requestRepresentationAction(null, form({ organisationId: fixtures.organisationId, evidence: "I run the matrix team there." })),
  "app/numbers/[number]/statement-actions.ts#postStatementAction": (m) => () =>
    m.statements.postStatementAction(null, form({ organisationId: fixtures.organisationId, e164: E164, body: "A statement from the organisation about this number." })),
  "app/organisations/[slug]/manage/actions.ts#publishNumbersAction": (m) => () =>
    m.manage.publishNumbersAction(null, form({ organisationId: fixtures.organisationId, slug: fixtures.organisationSlug, numbers: "+61491579913" })),
  "app/organisations/[slug]/manage/actions.ts#savePolicyAction": (m) => () =>
    m.manage.savePolicyAction(null, form({ organisationId: fixtures.organisationId, slug: fixtures.organisationSlug, policyAsksPassword: "no", policyUrl: "https://example.org/policy" })),
  "app/organisations/[slug]/manage/actions.ts#recordCallAction": (m) => () =>
    m.manage.recordCallAction(null, form({ organisationId: fixtures.organisationId, slug: fixtures.organisationSlug, from: "+61270101234" })),
  "app/organisations/[slug]/manage/actions.ts#createApiKeyAction": (m) => () =>
    m.manage.createApiKeyAction(null, form({ organisationId: fixtures.organisationId, slug: fixtures.organisationSlug, name: "dialler" })),
  "app/organisations/[slug]/manage/actions.ts#revokeApiKeyAction": (m) => () =>
    m.manage.revokeApiKeyAction(null, form({ organisationId: fixtures.organisationId, slug: fixtures.organisationSlug, keyId: NO_SUCH_ID })),
  // Moderating representatives and their statements
  "app/moderation/representatives/actions.ts#approveRepresentativeAction": (m) => () =>
    m.representatives.approveRepresentativeAction(null, form({ representativeId: fixtures.representativeId, reason: "Matrix test: checked the staff directory." })),
  "app/moderation/representatives/actions.ts#revokeRepresentativeAction": (m) => () =>
    m.representatives.revokeRepresentativeAction(null, form({ representativeId: fixtures.representativeId, reason: "Matrix test revocation" })),
  "app/moderation/representatives/actions.ts#hideStatementAction": (m) => () =>
    m.representatives.hideStatementAction(null, form({ statementId: fixtures.statementId, reason: "Matrix test decision" })),
};

/** Inline actions in components (sign-in with a provider, sign out) touch only the session cookie. */
const NOT_CALLABLE = new Set(["app/(auth)/signin/page.tsx#inline"]);

async function loadModules() {
  return {
    auth: await import("./(auth)/actions"),
    account: await import("./account/actions"),
    exportRoute: await import("./account/export/route"),
    meRoute: await import("./api/me/route"),
    signOut: await import("../components/sign-out-action"),
    authRoute: await import("./api/auth/[...nextauth]/route"),
    report: await import("./report/actions"),
    votesRoute: await import("./api/votes/route"),
    reportsRoute: await import("./api/reports/route"),
    comments: await import("./numbers/[number]/comment-actions"),
    reportFlags: await import("./numbers/[number]/report-actions"),
    removal: await import("./numbers/[number]/removal/actions"),
    moderation: await import("./moderation/actions"),
    health: await import("./api/health/route"),
    orgSearch: await import("./api/organisations/search/route"),
    numberApi: await import("./api/v1/numbers/[number]/route"),
    openapi: await import("./api/v1/openapi.json/route"),
    orgApi: await import("./api/v1/organisations/[slug]/route"),
    registryApi: await import("./api/v1/registry/route"),
    registryCsv: await import("./registry.csv/route"),
    alerts: await import("./account/alert-actions"),
    unsubscribe: await import("./alerts/unsubscribe/actions"),
    unsubscribeRoute: await import("./api/alerts/unsubscribe/route"),
    orgWatch: await import("./organisations/[slug]/watch-actions"),
    ready: await import("./api/ready/route"),
    reportChallenge: await import("./api/report-challenge/route"),
    feeds: await import("./api/v1/feeds/[feed]/route"),
    prefixLookup: await import("./api/v1/lookup/prefix/[prefix]/route"),
    callCheckRoute: await import("./api/v1/organisations/[slug]/calls/check/route"),
    callsRoute: await import("./api/v1/organisations/[slug]/calls/route"),
    orgCheck: await import("./organisations/[slug]/actions"),
    lookup: await import("./lookup/actions"),
    sitemapIndex: await import("./sitemap.xml/route"),
    sitemapFile: await import("./sitemaps/[file]/route"),
    represent: await import("./organisations/[slug]/represent/actions"),
    statements: await import("./numbers/[number]/statement-actions"),
    manage: await import("./organisations/[slug]/manage/actions"),
    representatives: await import("./moderation/representatives/actions"),
  };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

/** Refused = UNAUTHENTICATED/FORBIDDEN result, a 401/403 response, forbidden()/unauthorized(), or a redirect to sign-in. */
async function outcome(call: Call): Promise<Access | string> {
  try {
    const result = await call();
    if (result instanceof Response) return result.status === 401 || result.status === 403 ? "refused" : result.status >= 500 ? `status ${result.status}` : "allowed";
    const code = (result as { code?: string } | null)?.code;
    return code === "UNAUTHENTICATED" || code === "FORBIDDEN" ? "refused" : "allowed";
  } catch (error) {
    const digest = String((error as { digest?: unknown } | null)?.digest ?? "");
    if (/^NEXT_HTTP_ERROR_FALLBACK;40[13]$/.test(digest)) return "refused";
    if (digest.startsWith("NEXT_REDIRECT")) return digest.includes("/signin") ? "refused" : "allowed";
    return `threw ${(error as Error)?.message ?? String(error)}`;
  }
}

async function makeUser(role: "USER" | "MODERATOR" | "ADMIN", suspended = false) {
  const old = new Date(Date.now() - 90 * 86_400_000);
  return db.user.create({
    data: { email: `matrix-${uid()}@example.com`, name: `Matrix ${uid()}`, role, emailVerified: old, createdAt: old, suspendedAt: suspended ? new Date() : null },
    select: { id: true, role: true },
  });
}

describe("every entry, as every kind of actor", () => {
  let modules: Modules;
  beforeAll(async () => {
    process.env.AUTH_SECRET ??= "authorisation-matrix-test-secret-0123456789";
    modules = await loadModules();
    actors.visitor = null;
    actors.member = await makeUser("USER");
    actors.suspended = await makeUser("USER", true);
    actors.moderator = await makeUser("MODERATOR");
    actors.admin = await makeUser("ADMIN");
    const author = await makeUser("USER");
    const target = await makeUser("USER", true);
    fixtures.targetUserId = target.id;
    const org = await db.organisation.create({ data: { slug: `matrix-${uid()}`, name: `Matrix Org ${uid()}`, searchText: "matrix org", status: "ACTIVE" } });
    const other = await db.organisation.create({ data: { slug: `matrix-${uid()}`, name: `Matrix Proposed ${uid()}`, searchText: "matrix proposed", status: "PROPOSED" } });
    fixtures.organisationId = org.id;
    fixtures.organisationSlug = org.slug;
    fixtures.otherOrganisationId = other.id;
    await db.phoneNumber.create({ data: { e164: E164, type: "MOBILE", country: "AU" } });
    const claim = await db.claim.create({ data: { e164: E164, organisationId: org.id, organisationKey: org.id, status: "UNVERIFIED", statusChangedAt: new Date() } });
    fixtures.claimId = claim.id;
    const comment = await db.comment.create({ data: { e164: E164, authorId: author.id, body: "A comment for the matrix." } });
    fixtures.commentId = comment.id;
    const report = await db.report.create({ data: { e164: E164, reporterId: author.id, category: "SCAM", occurredAt: new Date(), body: "A report for the matrix." } });
    fixtures.reportId = report.id;
    const removal = await db.removalRequest.create({ data: { e164: E164, name: "Pat Owner", email: "pat@example.com", reason: "Listed by mistake, please remove." } });
    fixtures.requestId = removal.id;
    // A pending request to represent the organisation (by someone who is none of the five actors), and
    // another organisation's statement on the number, for the moderation entries.
    const applicant = await makeUser("USER");
    const representative = await db.organisationRepresentative.create({ data: { userId: applicant.id, organisationId: org.id, email: `rep-${uid()}@example.com`, method: "MODERATOR", status: "PENDING", evidence: "Matrix applicant" } });
    fixtures.representativeId = representative.id;
    const statement = await db.organisationStatement.create({ data: { organisationId: other.id, e164: E164, authorId: applicant.id, body: "A statement for the matrix." } });
    fixtures.statementId = statement.id;
  });

  for (const [key, row] of Object.entries(AUTHORISATION_MATRIX)) {
    test(key, async () => {
      if (NOT_CALLABLE.has(key)) {
        expect(row).toEqual({ visitor: "allowed", member: "allowed", suspended: "allowed", moderator: "allowed", admin: "allowed" });
        return;
      }
      const input = INPUTS[key];
      expect(input, `no input for ${key} in INPUTS of app/authorisation-matrix.db.test.ts`).toBeDefined();
      const seen: Record<string, string> = {};
      for (const kind of ACTORS) {
        const actor = actors[kind];
        // The current version: signOutEverywhereAction, called before, ends the earlier sessions.
        const version = actor ? (await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { sessionVersion: true } })).sessionVersion : 0;
        sessionCookie = actor ? await encodeSessionToken({ token: { uid: actor.id, role: actor.role, sv: version }, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" }) : null;
        seen[kind] = await outcome(input(modules));
      }
      expect(seen).toEqual(row);
    });
  }
});
