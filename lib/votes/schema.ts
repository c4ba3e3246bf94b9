import { z } from "zod";
import { E164_PATTERN } from "../numbers/phone";

const claimId = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "Choose what to vote on.");
const e164 = z.string().trim().regex(E164_PATTERN, "That is not a phone number in international form.");

/** A vote names a claim, or a number whose organisation-less claim is created on first vote. */
export const castVoteSchema = z
  .object({
    claimId: claimId.optional(),
    e164: e164.optional(),
    legitimate: z.boolean({ error: "Choose Legitimate or Not legitimate." }),
  })
  .refine((input) => Boolean(input.claimId || input.e164), { message: "Choose what to vote on." });

export const withdrawVoteSchema = z.object({ claimId });

export type CastVoteInput = z.infer<typeof castVoteSchema>;
