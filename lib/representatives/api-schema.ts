// Client-safe zod schemas of the "did we just call you?" API: the routes parse their answers through
// them and lib/representatives/openapi.ts documents them from the same schemas.
import { z } from "zod";
import { E164_PATTERN } from "../numbers/phone";

export const recordCallRequestSchema = z.object({
  from: z.string().min(1).max(64).describe("The number the call is made from, in any spelling (E.164 preferred)."),
  region: z.string().regex(/^[A-Z]{2}$/).optional().describe("ISO 3166 alpha-2 region for a national spelling (default: the organisation's country)."),
});

export const recordedCallSchema = z.object({
  reference: z.string().regex(/^[A-Z2-9]{6}$/).describe("Read this to the customer. Single use; only its hash is stored."),
  from: z.string().regex(E164_PATTERN),
  expiresAt: z.iso.datetime(),
});

export const checkCallRequestSchema = z.object({ reference: z.string().min(1).max(20).describe("The reference the caller gave; case, spaces and dashes are ignored.") });

export const callCheckSchema = z.object({
  called: z.boolean().describe("True when the organisation recorded this reference within the last hour and it had not been checked before. The reference is now spent."),
  from: z.string().regex(E164_PATTERN).nullable().describe("The number the organisation called from (when called)."),
  calledAt: z.iso.datetime().nullable(),
});
