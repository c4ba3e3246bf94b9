// OpenAPI 3.1 path items and component schemas for the registry routes, merged into the document by
// lib/openapi/document.ts. Component schemas come from the same zod schemas the route parses its body with.
import { z } from "zod";
import { commonErrorResponses, errorResponse, jsonSchemaOf, ref } from "../platform/openapi";
import { registryFeedEntrySchema, registryFeedSchema } from "./api-schema";


function component(schema: z.ZodType, entryRef?: boolean) {
  const json = jsonSchemaOf(schema);
  if (entryRef) {
    const properties = json.properties as Record<string, unknown>;
    properties.entries = { type: "array", description: "Oldest change first.", items: ref("RegistryEntry") };
  }
  return json;
}

export const registryOpenApiSchemas: Record<string, unknown> = {
  RegistryEntry: component(registryFeedEntrySchema),
  RegistryFeed: component(registryFeedSchema, true),
};

export const registryOpenApiPaths: Record<string, unknown> = {
  "/api/v1/registry": {
    get: {
      operationId: "registryFeed",
      summary: "The verified registry, incrementally",
      description:
        "Registry entries added, changed or revoked since a time, oldest change first, so a client can keep a copy in sync: remember the `changedAt` of the last entry and ask again with `since`. Revoked and rejected entries are included with their status. Paginated with `cursor`. Answers an `ETag`; send it back in `If-None-Match` to get 304 when nothing changed.",
      tags: ["Registry"],
      parameters: [
        { name: "since", in: "query", required: false, description: "ISO 8601 time (e.g. 2026-01-31T00:00:00Z or 2026-01-31).", schema: { type: "string" }, example: "2026-01-01T00:00:00Z" },
        { name: "cursor", in: "query", required: false, description: "`nextCursor` from the previous page.", schema: { type: "string", maxLength: 200 } },
        { name: "limit", in: "query", required: false, description: "Entries per page.", schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
        { name: "If-None-Match", in: "header", required: false, description: "The ETag of a copy you already have.", schema: { type: "string" } },
      ],
      responses: {
        "200": {
          description: "A page of entries.",
          headers: { ETag: { description: "Validator of this page.", schema: { type: "string" } } },
          content: { "application/json": { schema: ref("RegistryFeed") } },
        },
        "304": { description: "Not modified: the page's ETag matches If-None-Match." },
        "400": errorResponse("`since`, `cursor` or `limit` is not valid (code INVALID)."),
        ...commonErrorResponses,
      },
    },
  },
  "/registry.csv": {
    get: {
      operationId: "registryCsv",
      summary: "The current registry as CSV",
      description:
        "One row per verified number: number, organisation, organisation_slug, category, country, evidence_method, evidence_source, verified_by, verified_at, review_at. RFC 4180 quoting; text cells starting with =, +, - or @ are prefixed with ' so spreadsheets do not run them.",
      tags: ["Registry"],
      responses: { "200": { description: "CSV file.", content: { "text/csv": { schema: { type: "string" } } } } },
    },
  },
};
