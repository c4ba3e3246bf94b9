-- What a number's feed listing refresh reads first (lib/feeds/listing.ts refreshOnce), in one statement:
--   free    whether no transaction is writing the number's listing now (the try-lock is released with the
--           caller's transaction; the same key as the refresh's locked way, 'listing:' || e164);
--   listed… the stored ListedNumber row, if any;
--   plain   no claim on the number (votes sit on claims), no organisation calling back from it or publishing
--           it: its verdict is its reports' alone (lib/feeds/listing.ts plainListing);
--   stats   for a plain number, its kept reporters per category (members' and visitors').
-- A member's report filed on its own calls it right after callercheck_report in the same statement
-- (lib/reports/report.ts): plpgsql takes a new snapshot per statement, so it sees the report just written and
-- everything committed before it, and the common report (a plain number whose listing does not change)
-- needs no further round trip.
CREATE FUNCTION callercheck_listing_state(p_e164 text)
RETURNS TABLE (
  free boolean, listed boolean, allowed boolean, blocked boolean, category text, confidence float8,
  "organisationIds" text[], verdict text, plain boolean, stats json)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY
  SELECT f.free, l.e164 IS NOT NULL, l.allowed, l.blocked, l.category::text, l.confidence, l."organisationIds", l.verdict, p.plain,
         CASE WHEN p.plain THEN (
           SELECT coalesce(json_agg(json_build_object('category', s.category, 'reporters', s.reporters, 'anonymousReporters', s."anonymousReporters")), '[]'::json)
             FROM "NumberCategoryStat" s WHERE s.e164 = p_e164) END
    FROM (SELECT pg_try_advisory_xact_lock(hashtext('listing:' || p_e164)) AS free) f
    CROSS JOIN (SELECT NOT EXISTS (SELECT 1 FROM "Claim" c WHERE c.e164 = p_e164)
                   AND NOT EXISTS (SELECT 1 FROM "Organisation" o WHERE o."officialPhone" = p_e164)
                   AND NOT EXISTS (SELECT 1 FROM "OrganisationContactNumber" n WHERE n.e164 = p_e164) AS plain) p
    LEFT JOIN "ListedNumber" l ON l.e164 = p_e164;
END;
$$;
