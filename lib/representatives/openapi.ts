// OpenAPI 3.1 path items for the organisation calls routes, merged by lib/openapi/document.ts.
import { callCheckSchema, checkCallRequestSchema, recordCallRequestSchema, recordedCallSchema } from "./api-schema";
import { commonErrorResponses, errorResponse, jsonSchemaOf, ref } from "../platform/openapi";

export const callsOpenApiSchemas: Record<string, unknown> = {
  RecordCallRequest: jsonSchemaOf(recordCallRequestSchema),
  RecordedCall: jsonSchemaOf(recordedCallSchema),
  CheckCallRequest: jsonSchemaOf(checkCallRequestSchema),
  CallCheck: jsonSchemaOf(callCheckSchema),
};

const slug = { name: "slug", in: "path", required: true, description: "The organisation's slug.", schema: { type: "string", pattern: "^[a-z0-9-]{1,100}$" }, example: "harbour-health-insurance" };

export const callsOpenApiSecuritySchemes: Record<string, unknown> = {
  organisationKey: { type: "http", scheme: "bearer", description: "An organisation API key, created by its representative in the organisation console. Scoped to that organisation." },
};

export const callsOpenApiPaths: Record<string, unknown> = {
  "/api/v1/organisations/{slug}/calls": {
    post: {
      operationId: "recordCall",
      summary: "Record an outbound call (\"did we just call you?\")",
      description: "The organisation's systems record a call they are making; the answer's reference is read to the customer, who can check it once within an hour on the organisation's page or with checkCall.",
      tags: ["Organisations"],
      security: [{ organisationKey: [] }],
      parameters: [slug],
      requestBody: { required: true, content: { "application/json": { schema: ref("RecordCallRequest") } } },
      responses: {
        "201": { description: "Recorded.", content: { "application/json": { schema: ref("RecordedCall") } } },
        "400": errorResponse("Not a valid phone number or body (code INVALID)."),
        "401": errorResponse("No key, or not a valid key (code UNAUTHENTICATED)."),
        "403": errorResponse("The key belongs to another organisation (code FORBIDDEN)."),
        ...commonErrorResponses,
      },
    },
  },
  "/api/v1/organisations/{slug}/calls/check": {
    post: {
      operationId: "checkCall",
      summary: "Check a call reference",
      description: "Answers whether the organisation recorded a call with this reference in the last hour. A matching reference is spent; unknown, used and expired references all answer called: false. Rate-limited per address and per organisation.",
      tags: ["Organisations"],
      parameters: [slug],
      requestBody: { required: true, content: { "application/json": { schema: ref("CheckCallRequest") } } },
      responses: {
        "200": { description: "The answer.", content: { "application/json": { schema: ref("CallCheck") } } },
        "400": errorResponse("Not a reference (code INVALID)."),
        "404": errorResponse("No organisation has that slug (code NOT_FOUND)."),
        ...commonErrorResponses,
      },
    },
  },
};
