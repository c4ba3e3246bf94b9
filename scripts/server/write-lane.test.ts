import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/accounts/write-route";
import { startStandInServer, writeStandInManifest } from "../test/stand-in-lane";
import { BODY_LIMIT, laneRoute, writeLane } from "./write-lane.mjs";

// The write lane against a stand-in build: a routes manifest with a header rule, and route modules shaped as
// Next's (a routeModule whose userland is loaded by ensureUserland). The real build's modules are driven by
// the e2e suite (e2e/write-lane.spec.ts, e2e/csrf.spec.ts, e2e/votes.spec.ts).

const root = fs.mkdtempSync(path.join(os.tmpdir(), "write-lane-"));
const dist = ".next-test";
const silent = { warn: () => undefined };

/** Writes a built route module (under the stand-in build's server folder) with this source. */
function writeBuiltRoute(entry: string, source: string) {
  const file = path.join(root, dist, "server", entry);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, source);
}

const ECHO = `
const userland = {
  async POST(request) {
    const body = await request.text();
    return Response.json(
      { method: request.method, url: request.url, bytes: Buffer.byteLength(body), cookie: request.headers.get("cookie"), address: request.headers.get("x-callercheck-client-address"), seen: globalThis.__laneStore?.() ?? null },
      { status: 201, headers: { "Cache-Control": "no-store" } },
    );
  },
  async DELETE(request) {
    const headers = new Headers();
    headers.append("Set-Cookie", "first=1; Path=/");
    headers.append("Set-Cookie", "second=2; Path=/");
    return Response.json({ method: request.method, url: request.url }, { status: 200, headers });
  },
};
let loaded = false;
module.exports = { routeModule: { async ensureUserland() { loaded = true; }, get userland() { if (!loaded) throw new Error("not loaded"); return userland; } } };
`;

let stand: Awaited<ReturnType<typeof startStandInServer>>;
let base = "";
const handledByNext = () => stand.handledByNext();

beforeAll(async () => {
  writeStandInManifest(root, dist);
  writeBuiltRoute("app/api/reports/route.js", ECHO);
  writeBuiltRoute("app/api/me/route.js", ECHO.replace("async DELETE(request)", "async GET(request)"));
  // A build whose votes route is not shaped as expected: the lane leaves it to Next.
  writeBuiltRoute("app/api/votes/route.js", "module.exports = { something: 'else' };");
  const lane = writeLane({ root, distDir: dist, log: silent });
  expect(lane).not.toBeNull();
  stand = await startStandInServer((req, res) => {
    let store: string | undefined;
    (globalThis as Record<string, unknown>).__laneStore = () => store;
    return lane!.serve(req, res, (fn: () => Promise<Response>) => {
      store = "inside the server's store";
      return fn();
    });
  });
  base = stand.base;
});

afterAll(async () => {
  await stand.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("the write lane", () => {
  test("reads as much of a body as the handlers accept (lib/accounts/write-route.ts)", () => {
    expect(BODY_LIMIT).toBe(MAX_BODY_BYTES);
  });

  test("hands a member's POST to the route's handler with its headers and body, and sends its answer with the config's headers", async () => {
    const before = handledByNext();
    const response = await fetch(`${base}/api/reports`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "authjs.session-token=abc", "x-callercheck-client-address": "203.0.113.7" },
      body: JSON.stringify({ number: "+61491570006" }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const echoed = await response.json();
    expect(echoed).toMatchObject({ method: "POST", bytes: JSON.stringify({ number: "+61491570006" }).length, cookie: "authjs.session-token=abc", address: "203.0.113.7", seen: "inside the server's store" });
    expect(new URL(echoed.url).pathname).toBe("/api/reports");
    expect(handledByNext()).toBe(before);
  });

  test("passes a body past the limit only up to one byte over it, and closes the connection after answering", async () => {
    const response = await fetch(`${base}/api/reports`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(BODY_LIMIT * 3) });
    expect(response.status).toBe(201);
    expect((await response.json()).bytes).toBe(BODY_LIMIT + 1);
    expect(response.headers.get("connection")).toBe("close");
  });

  test("a body within the limit arrives whole, in however many chunks", async () => {
    const response = await fetch(`${base}/api/reports`, { method: "POST", headers: { "content-type": "application/json" }, body: "y".repeat(BODY_LIMIT) });
    expect((await response.json()).bytes).toBe(BODY_LIMIT);
    expect(response.headers.get("connection")).not.toBe("close");
  });

  test("leaves everything else to Next: other methods, a query string, other paths, and a route module not shaped as expected", async () => {
    const before = handledByNext();
    const answers = await Promise.all([
      fetch(`${base}/api/reports`),
      fetch(`${base}/api/reports`, { method: "DELETE" }),
      fetch(`${base}/api/reports?x=1`, { method: "POST", body: "{}" }),
      fetch(`${base}/api/reports/`, { method: "POST", body: "{}" }),
      fetch(`${base}/api/comments`, { method: "POST", body: "{}" }),
      fetch(`${base}/api/votes`, { method: "POST", body: "{}" }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([299, 299, 299, 299, 299, 299]);
    expect(handledByNext() - before).toBe(6);
  });

  test("takes a member's own parts of a page (GET /api/me) with its query, and no body", async () => {
    const before = handledByNext();
    const response = await fetch(`${base}/api/me?number=%2B61491570006`, { headers: { cookie: "authjs.session-token=abc" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const echoed = await response.json();
    expect(echoed.method).toBe("GET");
    expect(new URL(echoed.url).search).toBe("?number=%2B61491570006");
    // Every cookie the handler sets arrives, not only the last.
    expect(response.headers.getSetCookie()).toEqual(["first=1; Path=/", "second=2; Path=/"]);
    expect(handledByNext()).toBe(before);
  });

  test("routes only the members' reports, votes and own parts", () => {
    const cases: Array<[string, string, boolean]> = [
      ["POST", "/api/reports", true],
      ["POST", "/api/reports?x=1", false],
      ["GET", "/api/reports", false],
      ["POST", "/api/votes", true],
      ["DELETE", "/api/votes", true],
      ["PUT", "/api/votes", false],
      ["GET", "/api/me", true],
      ["GET", "/api/me?organisation=org-1", true],
      ["HEAD", "/api/me", false],
      ["POST", "/api/me", false],
      ["GET", "/api/me/", false],
      ["POST", "/report", false],
      ["GET", "/numbers/+61491570006", false],
    ];
    for (const [method, url, taken] of cases) expect(laneRoute(method, url), `${method} ${url}`).toBe(taken);
  });

  test("is off without a build", () => {
    expect(writeLane({ root, distDir: ".no-such-build", log: silent })).toBeNull();
  });
});
