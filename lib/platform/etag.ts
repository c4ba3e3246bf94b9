import { createHash } from "node:crypto";

// Conditional GET's two halves, for every answer that sends an ETag (the registry and the feeds).

/** A weak ETag from the body: its SHA-256, shortened. */
export const etagFor = (body: string) => `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;

/** Whether If-None-Match (a list, or "*") names this ETag; weak and strong forms compare alike, as GET allows. */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}
