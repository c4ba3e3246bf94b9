// The build's routes manifest, and the headers next.config.js gives responses as the build wrote them there
// (`headers`), for the server's own lanes (scripts/server/write-lane.mjs, static-assets.mjs) that answer without Next.
import fs from "node:fs";
import path from "node:path";

/** The build's routes-manifest.json, parsed, or null when there is none (dev, or no build). */
export function routesManifest({ root, distDir }) {
  const manifestPath = path.join(root, distDir, "routes-manifest.json");
  return fs.existsSync(manifestPath) ? JSON.parse(fs.readFileSync(manifestPath, "utf8")) : null;
}

/**
 * `(pathname) => [{ key, value }]`: every header of every rule whose source matches, as Next applies them; or
 * null when the build has no routes manifest (dev, or no build).
 */
export function configHeadersOf({ root, distDir, manifest = routesManifest({ root, distDir }) }) {
  if (!manifest) return null;
  const rules = (manifest.headers ?? []).map((rule) => ({ regex: new RegExp(rule.regex), headers: rule.headers.filter((header) => header.key && header.value !== undefined) }));
  return (pathname) => {
    const out = [];
    for (const rule of rules) if (rule.regex.test(pathname)) out.push(...rule.headers);
    return out;
  };
}
