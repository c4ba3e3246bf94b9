// Pieces every /api/v1 path description uses (lib/openapi/document.ts and the *.openapi.ts files it merges).
import { z } from "zod";

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });

/** 429 and 500, answered the same way by every route through lib/platform/api.ts. */
export const commonErrorResponses = {
  "429": {
    ...errorResponse("Too many requests from this address (code RATE_LIMITED)."),
    headers: { "Retry-After": { description: "Seconds until a request may succeed.", schema: { type: "integer", minimum: 1 } } },
  },
  "500": errorResponse("An unexpected error (code INTERNAL)."),
};

/** A zod schema as a JSON Schema object for components (without its $schema line). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _schema, ...json } = z.toJSONSchema(schema, { io: "output" }) as Record<string, unknown>;
  return json;
}
