// Who may call each server action and route handler: the one table, checked by
// app/authorisation-matrix.db.test.ts, which calls every entry directly as each kind of actor and fails
// when an action or route exists that this table does not name. Adding an action? Add its row here.
//
// "allowed": the call passes authorisation (it may still fail on its input); "refused": it answers
// UNAUTHENTICATED or FORBIDDEN (401/403, or a redirect to sign-in) and changes nothing.

export const ACTORS = ["visitor", "member", "suspended", "moderator", "admin"] as const;
export type ActorKind = (typeof ACTORS)[number];
export type Access = "allowed" | "refused";
export type AccessRow = Record<ActorKind, Access>;

const everyone: AccessRow = { visitor: "allowed", member: "allowed", suspended: "allowed", moderator: "allowed", admin: "allowed" };
const signedIn: AccessRow = { visitor: "refused", member: "allowed", suspended: "allowed", moderator: "allowed", admin: "allowed" };
const writers: AccessRow = { visitor: "refused", member: "allowed", suspended: "refused", moderator: "allowed", admin: "allowed" };
const staff: AccessRow = { visitor: "refused", member: "refused", suspended: "refused", moderator: "allowed", admin: "allowed" };
/** Someone else's content: only its author may change it (moderators hide it through flags instead). */
const nobodyElse: AccessRow = { visitor: "refused", member: "refused", suspended: "refused", moderator: "refused", admin: "refused" };
/** No session of any kind is enough (the call-recording API answers only to the organisation's own key). */
const organisationKeyOnly: AccessRow = nobodyElse;
/**
 * Reports: a visitor passes authorisation (no account needed; a solved ALTCHA proof of work stands in
 * for one, and without it the answer is INVALID, not a refusal); a suspended member is refused.
 */
const reporters: AccessRow = { visitor: "allowed", member: "allowed", suspended: "refused", moderator: "allowed", admin: "allowed" };
const admins: AccessRow = { visitor: "refused", member: "refused", suspended: "refused", moderator: "refused", admin: "allowed" };

/** Keyed `<file>#<export>`; inline actions in a component are `<file>#inline`. */
export const AUTHORISATION_MATRIX: Record<string, AccessRow> = {
  // Accounts
  "app/(auth)/actions.ts#signInAction": everyone,
  "app/(auth)/actions.ts#signUpAction": everyone,
  "app/(auth)/actions.ts#forgotPasswordAction": everyone,
  "app/(auth)/actions.ts#resetPasswordAction": everyone,
  "app/(auth)/signin/page.tsx#inline": everyone,
  "components/sign-out-action.ts#signOutAction": everyone,
  "app/account/actions.ts#resendConfirmationAction": writers,
  "app/account/actions.ts#toggleWatchAction": writers,
  "app/account/actions.ts#deleteAccountAction": writers,
  "app/account/actions.ts#signOutEverywhereAction": signedIn,
  "app/account/actions.ts#changePasswordAction": signedIn,
  "app/account/export/route.ts#GET": signedIn,
  "app/api/me/route.ts#GET": signedIn,
  "app/api/auth/[...nextauth]/route.ts#GET": everyone,
  "app/api/auth/[...nextauth]/route.ts#POST": everyone,
  "app/account/actions.ts#createApiKeyAction": writers,
  // Their own keys only; a suspended member may still revoke (the key is refused anyway).
  "app/account/actions.ts#revokeApiKeyAction": signedIn,
  // Alerts: settings are members'; unsubscribing needs no sign-in (the signed token is the authority).
  "app/account/alert-actions.ts#setWatchAlertModeAction": writers,
  "app/account/alert-actions.ts#setAlertsPausedAction": writers,
  "app/alerts/unsubscribe/actions.ts#unsubscribeAction": everyone,
  "app/api/alerts/unsubscribe/route.ts#POST": everyone,
  "app/api/alerts/unsubscribe/route.ts#GET": everyone,
  "app/organisations/[slug]/watch-actions.ts#toggleOrganisationWatchAction": writers,
  // Members' writes
  "app/report/actions.ts#createReportAction": reporters,
  "app/api/reports/route.ts#POST": reporters,
  "app/api/votes/route.ts#POST": writers,
  "app/api/votes/route.ts#DELETE": writers,
  "app/numbers/[number]/comment-actions.ts#postCommentAction": writers,
  // Called on another member's comment (the author's own edits are covered in lib/comments tests).
  "app/numbers/[number]/comment-actions.ts#editCommentAction": nobodyElse,
  "app/numbers/[number]/comment-actions.ts#deleteCommentAction": nobodyElse,
  "app/numbers/[number]/comment-actions.ts#flagCommentAction": writers,
  "app/numbers/[number]/report-actions.ts#flagReportAction": writers,
  "app/numbers/[number]/comment-actions.ts#loadCommentsAction": everyone,
  "app/numbers/[number]/comment-actions.ts#loadRepliesAction": everyone,
  "app/numbers/[number]/removal/actions.ts#requestRemovalAction": everyone,
  // Moderation
  "app/moderation/actions.ts#promoteAction": staff,
  "app/moderation/actions.ts#addEntryAction": staff,
  "app/moderation/actions.ts#revokeAction": staff,
  "app/moderation/actions.ts#rejectClaimAction": staff,
  "app/moderation/actions.ts#rejectNumberAction": staff,
  "app/moderation/actions.ts#flagAction": staff,
  "app/moderation/actions.ts#alertAction": staff,
  "app/moderation/actions.ts#activateOrganisationAction": staff,
  "app/moderation/actions.ts#editOrganisationAction": staff,
  "app/moderation/actions.ts#mergeOrganisationAction": staff,
  "app/moderation/actions.ts#removalAction": staff,
  "app/moderation/actions.ts#suspensionAction": staff,
  "app/moderation/actions.ts#roleAction": admins,
  "app/moderation/representatives/actions.ts#approveRepresentativeAction": staff,
  "app/moderation/representatives/actions.ts#revokeRepresentativeAction": staff,
  "app/moderation/representatives/actions.ts#hideStatementAction": staff,
  // Organisations' representatives. Asking to become one is any member's; acting for the organisation
  // is its active representatives' and staff's (canManageOrganisation), and none of the five kinds
  // here represents it, so a member is refused.
  "app/organisations/[slug]/represent/actions.ts#requestRepresentationAction": writers,
  "app/numbers/[number]/statement-actions.ts#postStatementAction": staff,
  "app/organisations/[slug]/manage/actions.ts#publishNumbersAction": staff,
  "app/organisations/[slug]/manage/actions.ts#savePolicyAction": staff,
  "app/organisations/[slug]/manage/actions.ts#recordCallAction": staff,
  "app/organisations/[slug]/manage/actions.ts#createApiKeyAction": staff,
  "app/organisations/[slug]/manage/actions.ts#revokeApiKeyAction": staff,
  "app/api/v1/organisations/[slug]/calls/route.ts#POST": organisationKeyOnly,
  // Public reads
  "app/api/health/route.ts#GET": everyone,
  "app/api/organisations/search/route.ts#GET": everyone,
  "app/api/v1/numbers/[number]/route.ts#GET": everyone,
  "app/api/v1/openapi.json/route.ts#GET": everyone,
  "app/api/v1/organisations/[slug]/route.ts#GET": everyone,
  "app/api/v1/registry/route.ts#GET": everyone,
  "app/registry.csv/route.ts#GET": everyone,
  "app/api/ready/route.ts#GET": everyone,
  "app/api/report-challenge/route.ts#GET": everyone,
  "app/api/v1/feeds/[feed]/route.ts#GET": everyone,
  "app/api/v1/lookup/prefix/[prefix]/route.ts#GET": everyone,
  "app/api/v1/organisations/[slug]/calls/check/route.ts#POST": everyone,
  "app/organisations/[slug]/actions.ts#checkCallAction": everyone,
  "app/lookup/actions.ts#lookupNumberAction": everyone,
  "app/sitemap.xml/route.ts#GET": everyone,
  "app/sitemaps/[file]/route.ts#GET": everyone,
};
