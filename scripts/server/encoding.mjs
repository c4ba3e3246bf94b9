// Content negotiation for what the server sends compressed itself (the page cache's kept pages, the static lane).

/**
 * The encoding to send of those offered ("br", "gzip" or null for none), from an Accept-Encoding header:
 * Brotli before gzip when both are acceptable; `q=0` refuses one; `*` accepts any not named; x-gzip is gzip's old name.
 */
export function preferredEncoding(acceptEncoding) {
  const weights = new Map();
  for (const part of String(acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(name, q === undefined ? 1 : Number(q));
  }
  const any = weights.get("*") ?? 0;
  const br = weights.get("br") ?? any;
  const gz = weights.get("gzip") ?? weights.get("x-gzip") ?? any;
  if (br > 0 && br >= gz) return "br";
  if (gz > 0) return "gzip";
  return null;
}
