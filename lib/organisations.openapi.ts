// Filled by the organisations work: OpenAPI 3.1 path items and component schemas for its /api/v1 routes,
// merged into the document by lib/openapi.ts.
export const organisationsOpenApiPaths = {};
export const organisationsOpenApiSchemas = {};
