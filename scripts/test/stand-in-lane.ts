import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

// A stand-in production build and server for the server's own lanes (scripts/server/write-lane.mjs,
// static-assets.mjs): a routes manifest with one header rule for every path, as next.config.js's headers() is
// written by `next build`, and a server that counts what the lane left to Next.

/** The headers the stand-in build's routes manifest gives every response. */
export const STAND_IN_HEADERS = { "x-frame-options": "DENY", "x-content-type-options": "nosniff" };

/** Writes `<root>/<dist>/routes-manifest.json` with one rule sending STAND_IN_HEADERS on every path. */
export function writeStandInManifest(root: string, dist: string) {
  fs.mkdirSync(path.join(root, dist), { recursive: true });
  const headers = [
    { key: "X-Frame-Options", value: STAND_IN_HEADERS["x-frame-options"] },
    { key: "X-Content-Type-Options", value: STAND_IN_HEADERS["x-content-type-options"] },
  ];
  fs.writeFileSync(path.join(root, dist, "routes-manifest.json"), JSON.stringify({ headers: [{ source: "/:path*", regex: "^(?:/((?:[^/]+?)(?:/(?:[^/]+?))*))?(?:/)?$", headers }] }));
}

/**
 * A loopback server that hands each request to `serve` (a lane's, resolving true when it answered); what it
 * leaves is answered 299 "next", as Next would have taken it, and counted.
 */
export async function startStandInServer(serve: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>) {
  let handledByNext = 0;
  const server = http.createServer((req, res) => {
    void serve(req, res).then((served) => {
      if (served) return;
      handledByNext++;
      req.resume();
      res.writeHead(299, { "content-type": "text/plain" });
      res.end("next");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handledByNext: () => handledByNext,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
