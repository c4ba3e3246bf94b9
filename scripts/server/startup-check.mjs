// "No silent production defaults": what stops a production container from starting. Pure.

/** True when the process runs in the image built by the Dockerfile (it sets CALLERCHECK_CONTAINER=1). */
export function inContainer(env) {
  return env.CALLERCHECK_CONTAINER === "1";
}

/** The settings a production container must be given; an empty list means it may start. */
export function missingProductionSettings(env) {
  if (env.NODE_ENV !== "production" || !inContainer(env)) return [];
  const missing = [];
  if (!env.DATABASE_URL) missing.push("DATABASE_URL (the PostgreSQL connection URL; no embedded database is started in a container)");
  if (!env.AUTH_SECRET) missing.push("AUTH_SECRET (at least 32 random characters, e.g. `openssl rand -base64 32`; the same on every instance)");
  else if (env.AUTH_SECRET.length < 32) missing.push("AUTH_SECRET must be at least 32 characters long");
  // Without it every report from a visitor without an account would fail (it signs their proof-of-work checks).
  if (!env.ALTCHA_HMAC_KEY) missing.push("ALTCHA_HMAC_KEY (at least 16 random characters; signs visitors' proof-of-work checks; the same on every instance)");
  else if (env.ALTCHA_HMAC_KEY.length < 16) missing.push("ALTCHA_HMAC_KEY must be at least 16 characters long");
  return missing;
}

export function refusalMessage(missing) {
  return `CallerCheck will not start in production without:\n${missing.map((item) => `  - ${item}`).join("\n")}\nSet them in the container's environment (see README, "Configuration").`;
}
