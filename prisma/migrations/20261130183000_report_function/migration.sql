-- One report in one statement (lib/reports/report.ts writeReport): the number (its row locked first: every
-- report on one number queues here, and lock order is always number → organisation), the reporter's kept
-- trust input, the claim (number ↔ organisation), the report, the organisation's and the number's counters
-- and breakdowns, and the alerts outbox rows (lib/alerts/record.ts kinds NEW_REPORT and IMPERSONATION).
-- Each statement in a plpgsql function takes a new snapshot, so the reporter's previous category is read
-- after the number's lock, as when the statements were sent one by one.
--
-- A member's report whose trust level cannot move runs on its own, outside an interactive transaction
-- (lib/reports/report.ts writeReportAlone): the caller says what it expects of the reporter's row after the
-- report (the count of their visible reports, their stored level, role, confirmation and suspension, read
-- with their session moments before), and the function raises CC001, undoing the whole statement, when the
-- row says otherwise; the caller then files the report in a transaction (where a visitor's proof of work is
-- spent too). Every member's report stores when the reporter's level may next change by time alone
-- (trustLevelCheckAt, lib/trust/kept.ts nextTrustCheck), so a fifth report before thirty days is swept when
-- the thirty days end. The outbox rows carry the report's own time (UTC, as the app writes every timestamp).
--
-- Timestamps are stored as the app stores them: UTC, without a zone. The week of a report is computed
-- from its stored occurredAt as lib/numbers/counters.ts recounts it.
CREATE OR REPLACE FUNCTION callercheck_report(
  p_report_id text, p_alert_ids text[], p_claim_id text,
  p_e164 text, p_country text, p_type text,
  p_reporter_id text, p_anonymous_key text, p_organisation_id text,
  p_occurred_at timestamp(3), p_channel text, p_category text, p_asked_for text[],
  p_left_message boolean, p_caller_id_name text, p_body text, p_body_masked boolean,
  p_proposed_org_name text, p_idempotency_key text,
  p_expect_reports integer, p_expect_level text, p_expect_role text, p_expect_email_verified timestamp(3), p_expect_suspended timestamp(3),
  p_check_at timestamp(3))
RETURNS TABLE (
  "reportId" text, "createdAt" timestamp(3),
  "userRole" text, "userCreatedAt" timestamp(3), "emailVerified" timestamp(3), "suspendedAt" timestamp(3),
  "visibleReportCount" integer, "trustLevel" text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_now timestamp(3);
  v_occurred timestamp(3);
  v_claim text;
  v_org_name text;
  v_org_slug text;
  v_claim_row record;
  v_previous text;
  v_moves_from text;
  v_gain integer;
  v_member boolean := p_reporter_id IS NOT NULL;
BEGIN
  INSERT INTO "PhoneNumber" AS p (e164, country, type, "reportCount", "updatedAt")
  VALUES (p_e164, p_country, p_type::"NumberType", 1, now())
  ON CONFLICT (e164) DO UPDATE SET "reportCount" = p."reportCount" + 1, "updatedAt" = now()
  RETURNING (clock_timestamp() AT TIME ZONE 'UTC')::timestamp(3) INTO v_now;

  IF v_member THEN
    UPDATE "User" u SET "visibleReportCount" = u."visibleReportCount" + 1,
      "trustLevelCheckAt" = CASE WHEN p_expect_level IS NULL THEN u."trustLevelCheckAt" ELSE p_check_at END
    WHERE u.id = p_reporter_id
    RETURNING u.role::text, u."createdAt", u."emailVerified", u."suspendedAt", u."visibleReportCount", u."trustLevel"
      INTO "userRole", "userCreatedAt", "emailVerified", "suspendedAt", "visibleReportCount", "trustLevel";
    IF p_expect_level IS NOT NULL AND (
         "visibleReportCount" IS DISTINCT FROM p_expect_reports OR "trustLevel" IS DISTINCT FROM p_expect_level
         OR "userRole" IS DISTINCT FROM p_expect_role OR "emailVerified" IS DISTINCT FROM p_expect_email_verified
         OR "suspendedAt" IS DISTINCT FROM p_expect_suspended) THEN
      RAISE EXCEPTION 'callercheck_report: the reporter''s row is not as expected' USING ERRCODE = 'CC001';
    END IF;
  END IF;

  IF p_organisation_id IS NOT NULL THEN
    INSERT INTO "Claim" AS c (id, e164, "organisationId", "organisationKey", source, "createdById", "reportCount", "updatedAt")
    VALUES (p_claim_id, p_e164, p_organisation_id, p_organisation_id, 'REPORT', p_reporter_id, 1, now())
    ON CONFLICT (e164, "organisationKey") DO UPDATE SET "reportCount" = c."reportCount" + 1, "updatedAt" = now()
    RETURNING c.id INTO v_claim;
  END IF;

  INSERT INTO "Report" AS r (id, e164, "reporterId", "anonymousKey", source, "organisationId", "claimId", "occurredAt", channel, category,
                        "askedFor", "leftMessage", "callerIdName", body, "bodyMasked", "proposedOrgName", "idempotencyKey", "createdAt")
  VALUES (p_report_id, p_e164, p_reporter_id, p_anonymous_key, (CASE WHEN v_member THEN 'MEMBER' ELSE 'ANONYMOUS' END)::"ReportSource",
          p_organisation_id, v_claim, p_occurred_at, p_channel::"Channel", p_category::"ReportCategory", p_asked_for::"AskedFor"[],
          p_left_message, p_caller_id_name, p_body, p_body_masked, p_proposed_org_name, p_idempotency_key, v_now)
  RETURNING r."occurredAt" INTO v_occurred;

  IF p_organisation_id IS NOT NULL THEN
    UPDATE "Organisation" o SET "reportCount" = o."reportCount" + 1 WHERE o.id = p_organisation_id;
    INSERT INTO "OrganisationCategoryStat" AS s ("organisationId", category, reports) VALUES (p_organisation_id, p_category::"ReportCategory", 1)
    ON CONFLICT ("organisationId", category) DO UPDATE SET reports = s.reports + 1;
    INSERT INTO "OrganisationAskedStat" AS s ("organisationId", "askedFor", reports)
    SELECT DISTINCT p_organisation_id, item::"AskedFor", 1 FROM unnest(p_asked_for) AS item
    ON CONFLICT ("organisationId", "askedFor") DO UPDATE SET reports = s.reports + 1;
    INSERT INTO "OrganisationWeekStat" AS s ("organisationId", "weekStart", reports)
    VALUES (p_organisation_id, date_trunc('week', v_occurred AT TIME ZONE 'UTC')::date, 1)
    ON CONFLICT ("organisationId", "weekStart") DO UPDATE SET reports = s.reports + 1;
  END IF;

  -- The reporter counts once per number, under their latest category: members by id, visitors by address key.
  IF v_member THEN
    SELECT n.category::text INTO v_previous FROM "NumberReporter" n WHERE n.e164 = p_e164 AND n."userId" = p_reporter_id;
    INSERT INTO "NumberReporter" AS n (e164, "userId", category, reports, "lastReportedAt") VALUES (p_e164, p_reporter_id, p_category::"ReportCategory", 1, v_now)
    ON CONFLICT (e164, "userId") DO UPDATE SET category = EXCLUDED.category, reports = n.reports + 1, "lastReportedAt" = EXCLUDED."lastReportedAt";
  ELSE
    SELECT n.category::text INTO v_previous FROM "NumberAnonymousReporter" n WHERE n.e164 = p_e164 AND n."addressKey" = p_anonymous_key;
    INSERT INTO "NumberAnonymousReporter" AS n (e164, "addressKey", category, reports, "lastReportedAt") VALUES (p_e164, p_anonymous_key, p_category::"ReportCategory", 1, v_now)
    ON CONFLICT (e164, "addressKey") DO UPDATE SET category = EXCLUDED.category, reports = n.reports + 1, "lastReportedAt" = EXCLUDED."lastReportedAt";
  END IF;
  v_moves_from := CASE WHEN v_previous IS NOT NULL AND v_previous <> p_category THEN v_previous END;
  v_gain := CASE WHEN v_previous IS NULL OR v_moves_from IS NOT NULL THEN 1 ELSE 0 END;

  INSERT INTO "NumberCategoryStat" AS s (e164, category, reports, reporters, "anonymousReporters")
  VALUES (p_e164, p_category::"ReportCategory", 1, CASE WHEN v_member THEN v_gain ELSE 0 END, CASE WHEN v_member THEN 0 ELSE v_gain END)
  ON CONFLICT (e164, category) DO UPDATE SET reports = s.reports + 1,
    reporters = s.reporters + EXCLUDED.reporters, "anonymousReporters" = s."anonymousReporters" + EXCLUDED."anonymousReporters";
  IF v_moves_from IS NOT NULL THEN
    UPDATE "NumberCategoryStat" s SET reporters = s.reporters - (CASE WHEN v_member THEN 1 ELSE 0 END),
      "anonymousReporters" = s."anonymousReporters" - (CASE WHEN v_member THEN 0 ELSE 1 END)
    WHERE s.e164 = p_e164 AND s.category::text = v_moves_from;
  END IF;
  INSERT INTO "NumberWeekStat" AS s (e164, "weekStart", reports) VALUES (p_e164, date_trunc('week', v_occurred AT TIME ZONE 'UTC')::date, 1)
  ON CONFLICT (e164, "weekStart") DO UPDATE SET reports = s.reports + 1;
  UPDATE "PhoneNumber" p SET
    "firstReportedAt" = LEAST(p."firstReportedAt", v_occurred),
    "lastReportedAt" = GREATEST(p."lastReportedAt", v_occurred),
    "reporterCount" = p."reporterCount" + (CASE WHEN v_previous IS NULL AND v_member THEN 1 ELSE 0 END)
  WHERE p.e164 = p_e164;

  -- The alerts outbox: "new report" for the number's watchers; "possible impersonation" for the
  -- organisation's watchers when this is the first report linking the number to it while the number is
  -- neither verified for it nor one of its published contact numbers.
  IF p_organisation_id IS NOT NULL THEN
    SELECT o.name, o.slug INTO v_org_name, v_org_slug FROM "Organisation" o WHERE o.id = p_organisation_id;
  END IF;
  INSERT INTO "AlertEvent" (id, kind, e164, "organisationId", "actorId", data, "createdAt")
  VALUES (p_alert_ids[1], 'NEW_REPORT', p_e164, NULL, p_reporter_id,
          jsonb_strip_nulls(jsonb_build_object('category', p_category, 'organisationName', v_org_name, 'organisationSlug', v_org_slug)), v_now);
  IF p_organisation_id IS NOT NULL AND v_org_name IS NOT NULL THEN
    SELECT c.status::text AS status, c."reportCount" INTO v_claim_row FROM "Claim" c WHERE c.e164 = p_e164 AND c."organisationKey" = p_organisation_id;
    IF v_claim_row."reportCount" = 1 AND v_claim_row.status <> 'VERIFIED'
       AND NOT EXISTS (SELECT 1 FROM "OrganisationContactNumber" k WHERE k."organisationId" = p_organisation_id AND k.e164 = p_e164) THEN
      INSERT INTO "AlertEvent" (id, kind, e164, "organisationId", "actorId", data, "createdAt")
      VALUES (p_alert_ids[2], 'IMPERSONATION', NULL, p_organisation_id, p_reporter_id,
              jsonb_build_object('e164', p_e164, 'category', p_category, 'organisationName', v_org_name, 'organisationSlug', v_org_slug), v_now);
    END IF;
  END IF;

  "reportId" := p_report_id;
  "createdAt" := v_now;
  RETURN NEXT;
END;
$$;

-- Members whose next trust check was never kept by their reports (before this migration a report kept it only
-- when their level moved): due now, so the sweep (lib/trust/legitimacy.ts refreshDueTrustLevels) looks at each
-- once and keeps it from then on.
UPDATE "User" SET "trustLevelCheckAt" = now() AT TIME ZONE 'UTC' WHERE "trustLevel" = 'TL1' AND "trustLevelCheckAt" IS NULL AND "visibleReportCount" > 0;
