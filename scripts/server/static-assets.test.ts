import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startStandInServer, writeStandInManifest } from "../test/stand-in-lane";
import { configHeadersOf } from "./config-headers.mjs";
import { preferredEncoding } from "./encoding.mjs";
import { assetFile, ICON_CACHE, IMMUTABLE, precompress, staticAssets, staticLaneTakes } from "./static-assets.mjs";

// The static lane against a stand-in build folder: a routes manifest with a header rule, and static files as
// Next writes them. The real build's files are fetched by the e2e suite (e2e/static-assets.spec.ts).

const root = fs.mkdtempSync(path.join(os.tmpdir(), "static-lane-"));
const dist = ".next-test";
const staticDir = path.join(root, dist, "static");
const SCRIPT = `(globalThis.TURBOPACK||=[]).push(${JSON.stringify("a chunk that compresses well ".repeat(400))});`;
const STYLES = `body{color:#123}${".a{margin:0}".repeat(300)}`;
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#1d4ed8"/></svg>`;

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
/** A raw request (fetch would ask for and undo the compression itself). */
function request(urlPath: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

let stand: Awaited<ReturnType<typeof startStandInServer>>;
let base = "";
const handledByNext = () => stand.handledByNext();
let lane: NonNullable<ReturnType<typeof staticAssets>>;

beforeAll(async () => {
  fs.mkdirSync(path.join(staticDir, "chunks"), { recursive: true });
  fs.mkdirSync(path.join(staticDir, "media"), { recursive: true });
  writeStandInManifest(root, dist);
  fs.writeFileSync(path.join(staticDir, "chunks", "0abc_def.js"), SCRIPT);
  fs.writeFileSync(path.join(staticDir, "chunks", "1styles.css"), STYLES);
  fs.writeFileSync(path.join(staticDir, "media", "tiny.woff2"), Buffer.from([1, 2, 3, 4]));
  fs.writeFileSync(path.join(staticDir, "chunks", "unknown.exe"), "MZ");
  // The icons Next prerenders from app/ (metadata files).
  fs.mkdirSync(path.join(root, dist, "server", "app"), { recursive: true });
  fs.writeFileSync(path.join(root, dist, "server", "app", "icon.svg.body"), ICON);
  fs.writeFileSync(path.join(root, dist, "server", "app", "favicon.ico.body"), Buffer.from([0, 0, 1, 0, 1, 0, 16, 16]));
  // Outside the static folder: never served by the lane.
  fs.writeFileSync(path.join(root, dist, "routes-secret.js"), "secret");
  const extraHeaders = configHeadersOf({ root, distDir: dist });
  expect(extraHeaders).not.toBeNull();
  lane = staticAssets({ root, distDir: dist, extraHeaders: extraHeaders! })!;
  expect(lane).not.toBeNull();
  stand = await startStandInServer((req, res) => lane.serve(req, res));
  base = stand.base;
});

afterAll(async () => {
  await stand.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("choosing an encoding", () => {
  test.each([
    ["gzip, deflate, br, zstd", "br"],
    ["gzip, deflate", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["br;q=0.5, gzip;q=0.8", "gzip"],
    ["gzip;q=0, br;q=0", null],
    ["identity", null],
    ["", null],
    [undefined, null],
    ["*", "br"],
    ["*;q=0.1, br;q=0", "gzip"],
    ["x-gzip", "gzip"],
    ["BR", "br"],
  ])("Accept-Encoding %j → %j", (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });
});

describe("which paths the lane serves", () => {
  test("the build's static folder and the two icons, nothing else", () => {
    for (const url of ["/_next/static/chunks/a.js", "/icon.svg", "/icon.svg?icon.0kc3ji724e26u.svg", "/favicon.ico"]) expect(staticLaneTakes(url), url).toBe(true);
    for (const url of ["/", "/icon.svg/x", "/icons.svg", "/apple-icon.png", "/_next/image?url=x", "/numbers/+61491570006", undefined]) expect(staticLaneTakes(url), String(url)).toBe(false);
  });

  test("a build file by its plain name, and nothing that could leave the folder or needs decoding", () => {
    expect(assetFile(staticDir, "/_next/static/chunks/0abc_def.js")).toBe(path.join(staticDir, "chunks", "0abc_def.js"));
    for (const url of [
      "/_next/static/../routes-secret.js",
      "/_next/static/chunks/../../routes-secret.js",
      "/_next/static/%2e%2e/routes-secret.js",
      "/_next/static/chunks//0abc_def.js",
      "/_next/static/chunks/0abc_def.js?dpl=1",
      "/_next/static/chunks/unknown.exe",
      "/_next/static/",
      "/_next/data/chunks/0abc_def.js",
      "/_next/static/chunks/0abc_def.js.br",
    ]) {
      expect(assetFile(staticDir, url), url).toBeNull();
    }
  });
});

describe("the static lane", () => {
  test("sends a script compressed with Brotli when the browser takes it, with Next's caching, type and the config's headers", async () => {
    const answer = await request("/_next/static/chunks/0abc_def.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(answer.body).toString()).toBe(SCRIPT);
    expect(Number(answer.headers["content-length"])).toBe(answer.body.length);
    expect(answer.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(answer.headers["cache-control"]).toBe(IMMUTABLE);
    expect(answer.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(answer.headers.vary).toBe("Accept-Encoding");
    expect(answer.headers["x-frame-options"]).toBe("DENY");
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    expect(answer.headers.etag).toMatch(/^"[A-Za-z0-9_-]+-br"$/);
  });

  test("sends gzip to a browser without Brotli, and the file itself to one that takes neither", async () => {
    const gz = await request("/_next/static/chunks/1styles.css", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers["content-type"]).toBe("text/css; charset=UTF-8");
    expect(zlib.gunzipSync(gz.body).toString()).toBe(STYLES);
    const plain = await request("/_next/static/chunks/1styles.css");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(STYLES);
    // Each encoding is its own representation: its own strong ETag.
    expect(new Set([gz.headers.etag, plain.headers.etag]).size).toBe(2);
  });

  test("answers 304 to a browser that has the same encoding's copy, and the body again to one with another's", async () => {
    const first = await request("/_next/static/chunks/0abc_def.js", { "accept-encoding": "br" });
    const again = await request("/_next/static/chunks/0abc_def.js", { "accept-encoding": "br", "if-none-match": first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const weak = await request("/_next/static/chunks/0abc_def.js", { "accept-encoding": "br", "if-none-match": `W/${first.headers.etag}` });
    expect(weak.status).toBe(304);
    const other = await request("/_next/static/chunks/0abc_def.js", { "accept-encoding": "gzip", "if-none-match": first.headers.etag! });
    expect(other.status).toBe(200);
    expect(other.headers["content-encoding"]).toBe("gzip");
  });

  test("answers HEAD with the headers only", async () => {
    const head = await request("/_next/static/chunks/0abc_def.js", { "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers["content-length"])).toBeGreaterThan(0);
  });

  test("does not compress what is compressed already (fonts)", async () => {
    const font = await request("/_next/static/media/tiny.woff2", { "accept-encoding": "br, gzip" });
    expect(font.status).toBe(200);
    expect(font.headers["content-encoding"]).toBeUndefined();
    expect(font.headers["content-type"]).toBe("font/woff2");
    expect([...font.body]).toEqual([1, 2, 3, 4]);
  });

  test("leaves to Next: other methods, missing files, unknown types, queries and paths outside the folder", async () => {
    const before = handledByNext();
    const answers = await Promise.all([
      request("/_next/static/chunks/0abc_def.js", {}, "POST"),
      request("/_next/static/chunks/missing.js"),
      request("/_next/static/chunks/unknown.exe"),
      request("/_next/static/chunks/0abc_def.js?v=2"),
      request("/_next/static/../routes-secret.js"),
      request("/_next/static/chunks"),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([299, 299, 299, 299, 299, 299]);
    expect(handledByNext() - before).toBe(6);
  });

  test("uses the build's compressed copies when they are there", async () => {
    const file = path.join(staticDir, "chunks", "2prebuilt.js");
    fs.writeFileSync(file, "console.log('prebuilt');".repeat(50));
    await precompress(staticDir);
    // The copy the build wrote is what is sent (marked, to tell it from one made now).
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(Buffer.from("the build's copy")));
    const answer = await request("/_next/static/chunks/2prebuilt.js", { "accept-encoding": "br" });
    expect(zlib.brotliDecompressSync(answer.body).toString()).toBe("the build's copy");
    expect(fs.existsSync(`${file}.gz`)).toBe(true);
  });

  test("keeps no more than its budget, and leaves the rest to Next", async () => {
    const small = staticAssets({ root, distDir: dist, maxBytes: 100 })!;
    await small.warm();
    expect(small.keptBytes()).toBeLessThanOrEqual(100);
    const answered: number[] = [];
    const res = { setHeader: () => undefined, end: () => answered.push(1), statusCode: 0 } as unknown as http.ServerResponse;
    const served = await small.serve({ method: "GET", url: "/_next/static/chunks/0abc_def.js", headers: {} } as http.IncomingMessage, res);
    expect(served).toBe(false);
    expect(answered).toEqual([]);
  });

  test("sends the icons from the build's prerendered copies, cacheable for a day, with a policy that runs nothing", async () => {
    const svg = await request("/icon.svg?icon.0kc3ji724e26u.svg", { "accept-encoding": "gzip" });
    expect(svg.status).toBe(200);
    expect(svg.headers["content-type"]).toBe("image/svg+xml");
    expect(svg.headers["cache-control"]).toBe(ICON_CACHE);
    expect(svg.headers["content-security-policy"]).toContain("sandbox");
    expect(svg.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(svg.headers["x-frame-options"]).toBe("DENY");
    // So small a file may not be worth compressing: sent as it is then.
    expect((svg.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(svg.body) : svg.body).toString()).toBe(ICON);
    const again = await request("/icon.svg", { "accept-encoding": "gzip", "if-none-match": svg.headers.etag! });
    expect(again.status).toBe(304);
    const ico = await request("/favicon.ico");
    expect(ico.status).toBe(200);
    expect(ico.headers["content-type"]).toBe("image/x-icon");
    expect([...ico.body]).toEqual([0, 0, 1, 0, 1, 0, 16, 16]);
  });

  test("is absent for a folder without a build", () => {
    expect(staticAssets({ root, distDir: ".no-build" })).toBeNull();
    expect(configHeadersOf({ root, distDir: ".no-build" })).toBeNull();
  });
});
