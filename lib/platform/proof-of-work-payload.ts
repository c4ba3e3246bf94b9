// Pure: reads the ALTCHA widget's form field (base64 of JSON { challenge, solution }) into a shape the
// server then verifies. Anything else is null: the field comes from the browser and is not trusted.
import { z } from "zod";

const hex = z.string().regex(/^[0-9a-f]{2,256}$/i);

const payloadSchema = z.object({
  challenge: z.object({
    parameters: z.object({
      algorithm: z.string().max(32),
      nonce: hex,
      salt: hex,
      cost: z.number().int().positive(),
      keyLength: z.number().int().positive().max(64),
      keyPrefix: hex,
      keySignature: z.string().max(256).optional(),
      memoryCost: z.number().int().positive().optional(),
      parallelism: z.number().int().positive().optional(),
      expiresAt: z.number().int().positive().optional(),
      data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    }),
    signature: z.string().max(256).optional(),
  }),
  solution: z.object({
    counter: z.number().int().min(0).max(0xffffffff),
    derivedKey: hex,
    time: z.number().optional(),
  }),
});

export type ProofOfWorkPayload = z.infer<typeof payloadSchema>;

export function parseProofOfWorkPayload(field: unknown): ProofOfWorkPayload | null {
  if (typeof field !== "string" || field.length === 0 || field.length > 8_000) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(field, "base64").toString("utf8"));
  } catch {
    return null;
  }
  const result = payloadSchema.safeParse(json);
  return result.success ? result.data : null;
}
