-- A number's feed listing written in one statement (lib/feeds/listing.ts writeListing), instead of a
-- transaction of six round trips that held the feed's one version row locked between them: every listing
-- change (a new reporter moves a blocked number's confidence) waited on that row, and in a scam wave the
-- reports queued behind each other's round trips.
--
-- callercheck_listing_state gains `stamp`: a fingerprint of everything the caller's listing is computed from
-- that the write can check, which is whether the number is plain, a plain number's kept reporters per
-- category, and the stored listing row. json_agg is ordered, so the same counters give the same stamp.
DROP FUNCTION callercheck_listing_state(text);
CREATE FUNCTION callercheck_listing_state(p_e164 text)
RETURNS TABLE (
  free boolean, listed boolean, allowed boolean, blocked boolean, category text, confidence float8,
  "organisationIds" text[], verdict text, plain boolean, stats json, stamp text)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY
  SELECT f.free, l.e164 IS NOT NULL, l.allowed, l.blocked, l.category::text, l.confidence, l."organisationIds", l.verdict, p.plain,
         s.stats,
         md5(concat_ws('|', p.plain::text, coalesce(s.stats::text, '-'), coalesce((SELECT r::text FROM "ListedNumber" r WHERE r.e164 = p_e164), '-')))
    FROM (SELECT pg_try_advisory_xact_lock(hashtext('listing:' || p_e164)) AS free) f
    CROSS JOIN (SELECT NOT EXISTS (SELECT 1 FROM "Claim" c WHERE c.e164 = p_e164)
                   AND NOT EXISTS (SELECT 1 FROM "Organisation" o WHERE o."officialPhone" = p_e164)
                   AND NOT EXISTS (SELECT 1 FROM "OrganisationContactNumber" n WHERE n.e164 = p_e164) AS plain) p
    CROSS JOIN LATERAL (
      SELECT CASE WHEN p.plain THEN (
               SELECT coalesce(json_agg(json_build_object('category', c.category, 'reporters', c.reporters, 'anonymousReporters', c."anonymousReporters") ORDER BY c.category), '[]'::json)
                 FROM "NumberCategoryStat" c WHERE c.e164 = p_e164) END AS stats) s
    LEFT JOIN "ListedNumber" l ON l.e164 = p_e164;
END;
$$;

-- Writes a listing the caller computed from callercheck_listing_state's answer whose stamp is p_stamp:
-- under the number's lock (the refresh's key), it reads the state again and answers 'stale', writing nothing,
-- when the stamp moved (a report or another refresh came between), so the caller reads and computes again.
-- Otherwise, when the allow or block side changed (p_allow_changed, p_block_changed: the caller's
-- listingChanges against the stored row the stamp covers), it takes the next feed version and writes the
-- row ('written'); when only the page verdict changed, it writes that ('verdict'); else 'unchanged'. The
-- version row stays locked until the statement ends, microseconds later: versions still become visible in order.
CREATE FUNCTION callercheck_write_listing(
  p_e164 text, p_stamp text, p_sha256 text, p_hash_prefix text, p_verdict text, p_allowed boolean,
  p_organisation_ids text[], p_blocked boolean, p_category text, p_confidence float8,
  p_allow_changed boolean, p_block_changed boolean)
RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_version bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('listing:' || p_e164));
  IF (SELECT s.stamp FROM callercheck_listing_state(p_e164) s) IS DISTINCT FROM p_stamp THEN
    RETURN 'stale';
  END IF;
  IF NOT p_allow_changed AND NOT p_block_changed THEN
    UPDATE "ListedNumber" SET verdict = p_verdict, "updatedAt" = now() WHERE e164 = p_e164 AND verdict IS DISTINCT FROM p_verdict;
    RETURN CASE WHEN FOUND THEN 'verdict' ELSE 'unchanged' END;
  END IF;
  INSERT INTO "FeedVersion" (id, value) VALUES ('feeds', 1)
    ON CONFLICT (id) DO UPDATE SET value = "FeedVersion".value + 1
    RETURNING value INTO v_version;
  INSERT INTO "ListedNumber" (e164, sha256, "hashPrefix", verdict, allowed, "organisationIds", blocked, category, confidence, "allowVersion", "blockVersion", "updatedAt")
    VALUES (p_e164, p_sha256, p_hash_prefix, p_verdict, p_allowed, p_organisation_ids, p_blocked, p_category::"ReportCategory", p_confidence,
            CASE WHEN p_allow_changed THEN v_version END, CASE WHEN p_block_changed THEN v_version END, now())
    ON CONFLICT (e164) DO UPDATE SET
      verdict = EXCLUDED.verdict, allowed = EXCLUDED.allowed, "organisationIds" = EXCLUDED."organisationIds",
      blocked = EXCLUDED.blocked, category = EXCLUDED.category, confidence = EXCLUDED.confidence,
      "allowVersion" = CASE WHEN p_allow_changed THEN v_version ELSE "ListedNumber"."allowVersion" END,
      "blockVersion" = CASE WHEN p_block_changed THEN v_version ELSE "ListedNumber"."blockVersion" END,
      "updatedAt" = now();
  RETURN 'written';
END;
$$;
