// OpenAPI 3.1 path items and component schemas for the open feeds and the private lookup, merged into
// the document by lib/openapi/document.ts. Schemas come from the zod schemas the routes parse with.
import { commonErrorResponses, errorResponse, jsonSchemaOf, ref } from "../platform/openapi";
import { allowlistFeedSchema, blocklistFeedSchema, prefixLookupSchema } from "./api-schema";
import { DATA_LICENCE } from "./rules";

export const feedsOpenApiSchemas: Record<string, unknown> = {
  AllowlistFeed: jsonSchemaOf(allowlistFeedSchema),
  BlocklistFeed: jsonSchemaOf(blocklistFeedSchema),
  PrefixLookup: jsonSchemaOf(prefixLookupSchema),
};

const licence = `Data licence: ${DATA_LICENCE.statement}`;
const since = { name: "since", in: "query", required: false, description: "The `version` of your last download: only what changed after it, removals included (`listed: false`). Omit it for the whole current list.", schema: { type: "string", pattern: "^\\d{1,18}$" }, example: "42" };
const limit = { name: "limit", in: "query", required: false, description: "Entries per answer; `more: true` says to ask again with `since` set to the answer's `version`.", schema: { type: "integer", minimum: 1, maximum: 50000, default: 10000 } };
const minConfidence = { name: "minConfidence", in: "query", required: false, description: "Leave out numbers below this confidence; a listed number that falls below it reads as a removal.", schema: { type: "number", minimum: 0, maximum: 1, default: 0 } };
const conditional = [
  { name: "If-None-Match", in: "header", required: false, description: "The ETag of the copy you have: 304 when unchanged.", schema: { type: "string" } },
  { name: "If-Modified-Since", in: "header", required: false, description: "Used when If-None-Match is absent.", schema: { type: "string" } },
];
const cacheHeaders = {
  ETag: { description: "Validator of this answer.", schema: { type: "string" } },
  "Last-Modified": { description: "When a listing last changed.", schema: { type: "string" } },
  "Cache-Control": { description: "public, max-age=300, stale-while-revalidate=3600", schema: { type: "string" } },
  Link: { description: `<${DATA_LICENCE.url}>; rel="license"`, schema: { type: "string" } },
};

function feed(operationId: string, summary: string, description: string, content: Record<string, unknown>, parameters: unknown[]) {
  return {
    get: {
      operationId,
      summary,
      description: `${description} ${licence}`,
      tags: ["Feeds"],
      parameters: [...parameters, ...conditional],
      responses: {
        "200": { description: "The feed.", headers: cacheHeaders, content },
        "304": { description: "Not modified." },
        "400": errorResponse("`since`, `limit` or `minConfidence` is not valid (code INVALID)."),
        ...commonErrorResponses,
      },
    },
  };
}

const text = { schema: { type: "string" } };

export const feedsOpenApiPaths: Record<string, unknown> = {
  "/api/v1/feeds/allowlist.json": feed(
    "allowlistJson",
    "Allow-list: the verified registry, incrementally",
    "Numbers that organisations really call from (moderator-verified or published), with their organisations, oldest change first.",
    { "application/json": { schema: ref("AllowlistFeed") } },
    [since, limit],
  ),
  "/api/v1/feeds/allowlist.csv": feed(
    "allowlistCsv",
    "Allow-list as CSV",
    "Columns: number, sha256, listed, version, organisation, organisation_slug, category, country (one row per number and organisation).",
    { "text/csv": text },
    [since, limit],
  ),
  "/api/v1/feeds/allowlist.vcf": feed(
    "allowlistVcard",
    "Allow-list as vCard",
    "One vCard 4.0 contact per organisation with all its allow-listed numbers (UID urn:callercheck:organisation:<slug>). With `since`: the organisations whose numbers changed, each with all its current numbers (a card without numbers: remove the old ones).",
    { "text/vcard": text },
    [since, limit],
  ),
  "/api/v1/feeds/blocklist.json": feed(
    "blocklistJson",
    "Blocklist, incrementally",
    "Numbers whose verdict is a likely scam or an impersonation warning with enough evidence, with the most reported category and a confidence (the 95% lower bound of the share of evidence saying 'not legitimate').",
    { "application/json": { schema: ref("BlocklistFeed") } },
    [since, limit, minConfidence],
  ),
  "/api/v1/feeds/blocklist.csv": feed("blocklistCsv", "Blocklist as CSV", "Columns: number, sha256, listed, version, category, confidence.", { "text/csv": text }, [since, limit, minConfidence]),
  "/api/v1/lookup/prefix/{prefix}": {
    get: {
      operationId: "lookupByHashPrefix",
      summary: "Private lookup by hash prefix (k-anonymity)",
      description: `Every allow-listed or blocklisted number whose SHA-256 (of the E.164 text, lower-case hex) starts with the prefix: compare the full hash locally, so CallerCheck never learns which number you checked. ${licence}`,
      tags: ["Feeds"],
      parameters: [{ name: "prefix", in: "path", required: true, description: "First 5 hexadecimal characters of SHA-256(E.164).", schema: { type: "string", pattern: "^[0-9a-fA-F]{5}$" }, example: "6f1db" }],
      responses: {
        "200": { description: "Listed numbers sharing the prefix.", content: { "application/json": { schema: ref("PrefixLookup") } } },
        "400": errorResponse("Not five hexadecimal characters (code INVALID)."),
        ...commonErrorResponses,
      },
    },
  },
};
