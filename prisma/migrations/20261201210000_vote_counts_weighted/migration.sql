-- A claim's vote counts ("4 of 5 members say…") count only votes that carry weight: a suspended member's
-- votes weigh 0 and leave the counts as they leave the weighted sums (lib/trust/legitimacy.ts reweighVotes
-- moves both when a level changes; recountAll counts the same way). callercheck_vote as before, but a vote
-- of weight 0 (one cast by an account suspended meanwhile) moves no count.
CREATE OR REPLACE FUNCTION callercheck_vote(
  p_user text, p_claim text, p_legitimate boolean, p_now timestamp(3), p_vote_id text,
  p_weights jsonb, p_epoch_ms float8, p_half_life_ms float8)
RETURNS TABLE (
  outcome text, e164 text, "legitVotes" integer, "notLegitVotes" integer, "legitScaled" float8, "notLegitScaled" float8,
  role text, "createdAt" timestamp(3), "emailVerified" timestamp(3), "suspendedAt" timestamp(3), "visibleReportCount" integer, "trustLevel" text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  u record;
  before record;
  w float8;
  d_legit float8 := 0;
  d_not float8 := 0;
  part float8;
BEGIN
  SELECT x.role::text AS role, x."createdAt", x."emailVerified", x."suspendedAt", x."visibleReportCount", x."trustLevel"
    INTO u FROM "User" x WHERE x.id = p_user FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    outcome := 'no-user';
    RETURN NEXT;
    RETURN;
  END IF;
  role := u.role; "createdAt" := u."createdAt"; "emailVerified" := u."emailVerified"; "suspendedAt" := u."suspendedAt";
  "visibleReportCount" := u."visibleReportCount"; "trustLevel" := u."trustLevel";

  SELECT c.e164, v.legitimate, v.weight, v."updatedAt" INTO before
    FROM "Claim" c LEFT JOIN "Vote" v ON v."claimId" = c.id AND v."userId" = p_user WHERE c.id = p_claim;
  IF NOT FOUND THEN
    outcome := 'no-claim';
    RETURN NEXT;
    RETURN;
  END IF;
  e164 := before.e164;

  IF before.legitimate IS NOT DISTINCT FROM p_legitimate THEN
    outcome := 'unchanged';
    SELECT c."legitVotes", c."notLegitVotes", c."legitScaled", c."notLegitScaled"
      INTO "legitVotes", "notLegitVotes", "legitScaled", "notLegitScaled" FROM "Claim" c WHERE c.id = p_claim;
    RETURN NEXT;
    RETURN;
  END IF;

  IF before.legitimate IS NOT NULL THEN
    part := before.weight * power(2::float8, (extract(epoch FROM before."updatedAt")::float8 * 1000 - p_epoch_ms) / p_half_life_ms);
    IF before.legitimate THEN d_legit := d_legit - part; ELSE d_not := d_not - part; END IF;
  END IF;

  IF p_legitimate IS NULL THEN
    DELETE FROM "Vote" v WHERE v."claimId" = p_claim AND v."userId" = p_user;
  ELSE
    w := (p_weights ->> u."trustLevel")::float8;
    IF w IS NULL THEN
      RAISE EXCEPTION 'no weight for trust level %', u."trustLevel";
    END IF;
    part := w * power(2::float8, (extract(epoch FROM p_now)::float8 * 1000 - p_epoch_ms) / p_half_life_ms);
    IF p_legitimate THEN d_legit := d_legit + part; ELSE d_not := d_not + part; END IF;
    INSERT INTO "Vote" (id, "claimId", "userId", legitimate, weight, "createdAt", "updatedAt")
    VALUES (p_vote_id, p_claim, p_user, p_legitimate, w, p_now, p_now)
    ON CONFLICT ("claimId", "userId") DO UPDATE SET legitimate = EXCLUDED.legitimate, weight = EXCLUDED.weight, "updatedAt" = EXCLUDED."updatedAt";
  END IF;

  UPDATE "Claim" c SET
    "legitVotes" = c."legitVotes" + (p_legitimate IS TRUE AND COALESCE(w, 0) > 0)::int - (before.legitimate IS TRUE AND COALESCE(before.weight, 0) > 0)::int,
    "notLegitVotes" = c."notLegitVotes" + (p_legitimate IS FALSE AND COALESCE(w, 0) > 0)::int - (before.legitimate IS FALSE AND COALESCE(before.weight, 0) > 0)::int,
    "legitScaled" = c."legitScaled" + d_legit,
    "notLegitScaled" = c."notLegitScaled" + d_not,
    "updatedAt" = p_now
  WHERE c.id = p_claim
  RETURNING c."legitVotes", c."notLegitVotes", c."legitScaled", c."notLegitScaled"
    INTO "legitVotes", "notLegitVotes", "legitScaled", "notLegitScaled";
  outcome := 'changed';
  RETURN NEXT;
END;
$$;
