// Client-safe: the one error shape every /api/v1 route answers with (and the OpenAPI document shows).
import { z } from "zod";

export const API_ERROR_CODES = ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "RATE_LIMITED", "INVALID", "PAYLOAD_TOO_LARGE", "UNAVAILABLE", "INTERNAL"] as const;

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(API_ERROR_CODES),
      message: z.string().describe("A sentence a person may read."),
    }),
  })
  .describe("Every error answers with this shape and the matching HTTP status.");

export type ApiError = z.infer<typeof apiErrorSchema>;
