/**
 * A name for one render of a page whose member parts come from GET /api/me (components/member): when an
 * action renders the page again (a comment posted, say), the new name makes those parts ask again.
 */
export const renderStamp = (): string => crypto.randomUUID();
