// The headers next.config.js gives responses, as the build wrote them (routes-manifest.json's `headers`), for
// the server's own lanes (scripts/server/write-lane.mjs, static-assets.mjs) that answer without Next.
import fs from "node:fs";
import path from "node:path";

/**
 * `(pathname) => [{ key, value }]`: every header of every rule whose source matches, as Next applies them; or
 * null when the build has no routes manifest (dev, or no build).
 */
export function configHeadersOf({ root, distDir }) {
  const manifestPath = path.join(root, distDir, "routes-manifest.json");
  if (!fs.existsSync(manifestPath)) return null;
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
  const rules = (manifest.headers ?? []).map((rule) => ({ regex: new RegExp(rule.regex), headers: rule.headers.filter((header) => header.key && header.value !== undefined) }));
  return (pathname) => {
    const out = [];
    for (const rule of rules) if (rule.regex.test(pathname)) out.push(...rule.headers);
    return out;
  };
}
