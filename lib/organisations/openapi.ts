// OpenAPI 3.1 path items and component schemas for the organisation routes, merged into the document
// by lib/openapi/document.ts. The component schema comes from the zod schema the route parses its answer with.
import { organisationLookupSchema } from "./api-schema";
import { commonErrorResponses, errorResponse, jsonSchemaOf, ref } from "../platform/openapi";



export const organisationsOpenApiSchemas: Record<string, unknown> = {
  Organisation: jsonSchemaOf(organisationLookupSchema),
};

export const organisationsOpenApiPaths: Record<string, unknown> = {
  "/api/v1/organisations/{slug}": {
    get: {
      operationId: "organisationLookup",
      summary: "An organisation: its verified numbers, published contact numbers, sources, the numbers callers claimed to be it, and its reputation",
      description:
        "The organisation's official callback number and calling policy when known; its registry entries (verified numbers with evidence); the numbers callers claimed to be it that are not verified; and report categories, what callers asked for and votes summed across every claimed number. A merged organisation answers 308 with the Location of the organisation it was merged into.",
      tags: ["Organisations"],
      parameters: [
        { name: "slug", in: "path", required: true, description: "The organisation's slug, as in its page's address.", schema: { type: "string", pattern: "^[a-z0-9-]{1,100}$" }, example: "harbour-health-insurance" },
        { name: "verifiedAfter", in: "query", required: false, description: "The previous answer's `verifiedNumbersNext`: the next 50 verified numbers.", schema: { type: "string", pattern: "^[A-Za-z0-9_~-]{1,100}$" } },
        { name: "claimedAfter", in: "query", required: false, description: "The previous answer's `claimedNumbersNext`: the next 50 claimed numbers.", schema: { type: "string", pattern: "^[A-Za-z0-9_~-]{1,100}$" } },
      ],
      responses: {
        "200": { description: "The organisation.", content: { "application/json": { schema: ref("Organisation") } } },
        "308": { description: "Merged: Location is the organisation it was merged into.", headers: { Location: { description: "The surviving organisation's lookup.", schema: { type: "string" } } } },
        "404": errorResponse("No organisation has that slug (code NOT_FOUND)."),
        ...commonErrorResponses,
      },
    },
  },
};
