// The OpenAPI 3.1 document for /api/v1, generated from the response schemas in lib/numbers/api-schema.ts
// (the handlers parse every body through the same schemas). Other routes add their paths and
// schemas through lib/registry/openapi.ts and lib/organisations/openapi.ts: path keys are full
// paths ("/api/v1/registry"), schema refs are "#/components/schemas/<Name>".
import { z } from "zod";
import { numberLookupSchema } from "../numbers/api-schema";
import { apiErrorSchema } from "../platform/api-error";
import { commonErrorResponses, errorResponse, ref } from "../platform/openapi";
import { organisationsOpenApiPaths, organisationsOpenApiSchemas } from "../organisations/openapi";
import { registryOpenApiPaths, registryOpenApiSchemas } from "../registry/openapi";
import { callsOpenApiPaths, callsOpenApiSchemas, callsOpenApiSecuritySchemes } from "../representatives/openapi";
import { feedsOpenApiPaths, feedsOpenApiSchemas } from "../feeds/openapi";


/** Named zod schemas as OpenAPI components, with $refs between them. */
export function componentSchemas(named: Record<string, z.ZodType>): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io: "output" });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema]));
}


const numberPaths = {
  "/api/v1/numbers/{number}": {
    get: {
      operationId: "lookUpNumber",
      summary: "Look up a phone number",
      description:
        "Any spelling of a number: E.164, national (0412 345 678), international (0061…), or a tel: URI. Answers the canonical E.164 number, its type and country, the verdict, report counts, the organisations callers claimed to be, and its registry status with evidence when verified. A valid number nobody has reported answers with zero counts.",
      tags: ["Numbers"],
      parameters: [
        {
          name: "number",
          in: "path",
          required: true,
          description: "The number, URL-encoded (a leading + as %2B or as is).",
          schema: { type: "string", minLength: 1, maxLength: 160 },
          example: "+61491570006",
        },
        {
          name: "region",
          in: "query",
          required: false,
          description: "ISO 3166 alpha-2 country for national spellings (default AU). A number written with + ignores it.",
          schema: { type: "string", pattern: "^[A-Za-z]{2}$" },
          example: "US",
        },
      ],
      responses: {
        "200": {
          description: "The number's verdict and facts.",
          headers: { "Cache-Control": { description: "public, max-age=0, s-maxage=5, stale-while-revalidate=5: browsers ask again each time; a CDN may hold it 5 s", schema: { type: "string" } } },
          content: { "application/json": { schema: ref("NumberLookup") } },
        },
        "400": errorResponse("Not a valid phone number, or an unknown region (code INVALID)."),
        ...commonErrorResponses,
      },
    },
  },
  "/api/v1/openapi.json": {
    get: {
      operationId: "openApiDocument",
      summary: "This document",
      tags: ["Meta"],
      responses: { "200": { description: "The OpenAPI 3.1 document.", content: { "application/json": { schema: { type: "object" } } } } },
    },
  },
};

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "CallerCheck API",
      version: "1.0.0",
      description:
        "Public JSON API: number lookups, the verified registry and organisations (read-only), plus recording and checking organisations' outbound calls. Every error answers `{ \"error\": { \"code\", \"message\" } }` with the matching status. Requests are rate-limited per address.",
    },
    servers: [{ url: serverUrl }],
    tags: [{ name: "Numbers" }, { name: "Registry" }, { name: "Organisations" }, { name: "Feeds" }, { name: "Meta" }],
    paths: { ...numberPaths, ...(registryOpenApiPaths as Record<string, unknown>), ...(organisationsOpenApiPaths as Record<string, unknown>), ...callsOpenApiPaths, ...feedsOpenApiPaths },
    components: {
      schemas: {
        ...componentSchemas({ NumberLookup: numberLookupSchema, Error: apiErrorSchema }),
        ...(registryOpenApiSchemas as Record<string, unknown>),
        ...(organisationsOpenApiSchemas as Record<string, unknown>),
        ...callsOpenApiSchemas,
        ...feedsOpenApiSchemas,
      },
      securitySchemes: callsOpenApiSecuritySchemes,
    },
  };
}
