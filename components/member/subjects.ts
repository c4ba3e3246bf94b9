/** What a page asks GET /api/me about besides the viewer: a number's parts or an organisation's (the query string). */
export const numberSubject = (e164: string) => `number=${encodeURIComponent(e164)}`;
export const organisationSubject = (id: string) => `organisation=${encodeURIComponent(id)}`;
