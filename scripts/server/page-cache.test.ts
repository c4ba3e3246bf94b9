import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { contentSecurityPolicy } from "@/lib/platform/security-headers";
import { HOT_HITS, hasInterceptingRoutes, isRscKey, keptCacheControl, memberSharesKept, PageCache, pageCacheKey, pageCacheSettings, RefreshQueue, sendKeptPage, withScriptHashes } from "./page-cache.mjs";
import { MEMBER_HINT_COOKIE, MEMBER_HINT_VALUE } from "@/lib/accounts/member-hint";

const request = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ method, url, headers });
const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("pageCacheKey", () => {
  test("a visitor's GET of a public page has a key", () => {
    for (const url of ["/", "/numbers/+61491570006", "/organisations", "/organisations/medibank", "/registry", "/registry?country=AU&cursor=abc", "/about", "/safe-calling", "/sitemap.xml"]) {
      expect(pageCacheKey(request(url)), url).toBe(url);
    }
    // A HEAD shares the GET's key (scripts/server.mjs answers it from a kept copy, never keeps one).
    expect(pageCacheKey(request("/numbers/+61491570006", {}, "HEAD"))).toBe("/numbers/+61491570006");
    expect(pageCacheKey(request("/numbers/+61491570006", { cookie: "authjs.session-token=abc" }, "HEAD"))).toBeNull();
    // Cookies other than the session do not change what a page shows.
    expect(pageCacheKey(request("/", { cookie: "theme=dark; authjs.callback-url=%2F" }))).toBe("/");
  });

  test("a number lookup without an API key has a key; with one (its quota is counted by the app) it has none", () => {
    expect(pageCacheKey(request("/api/v1/numbers/%2B61491570006"))).toBe("/api/v1/numbers/%2B61491570006");
    expect(pageCacheKey(request("/api/v1/numbers/0491570006?region=AU"))).toBe("/api/v1/numbers/0491570006?region=AU");
    expect(pageCacheKey(request("/api/v1/numbers/%2B61491570006", { authorization: "Bearer cck_x" }))).toBeNull();
    expect(pageCacheKey(request("/api/v1/numbers/%2B61491570006", { "x-api-key": "cck_x" }))).toBeNull();
  });

  test("members, client navigations, other methods and other paths are rendered for themselves", () => {
    expect(pageCacheKey(request("/", { cookie: "authjs.session-token=abc" }))).toBeNull();
    expect(pageCacheKey(request("/", { cookie: "a=1; __Secure-authjs.session-token.0=abc" }))).toBeNull();
    expect(pageCacheKey(request("/numbers/+61491570006", { rsc: "1", cookie: "authjs.session-token=abc" }))).toBeNull();
    expect(pageCacheKey(request("/numbers/+61491570006", { "next-router-prefetch": "1" }))).toBeNull();
    expect(pageCacheKey(request("/numbers/+61491570006?_rsc=x1"))).toBeNull();
    expect(pageCacheKey(request("/numbers/+61491570006", { "next-action": "abc" }, "POST"))).toBeNull();
    expect(pageCacheKey(request("/numbers/+61491570006", { rsc: "1", "next-action": "abc" }))).toBeNull();
    expect(pageCacheKey(request("/numbers/+61491570006", {}, "PUT"))).toBeNull();
    for (const url of ["/report", "/account", "/moderation", "/api/v1/registry", "/api/v1/numbers/+61491570006/x", "/sign-in", "/numbers/+61491570006/removal", "/alerts"]) {
      expect(pageCacheKey(request(url)), url).toBeNull();
    }
  });
});

describe("a visitor's RSC payloads (client-side navigations and prefetches)", () => {
  const tree = encodeURIComponent(JSON.stringify(["", {}, null, "metadata-only"]));

  test("are keyed by the path, the query and every router header Next renders them by", () => {
    const navigation = pageCacheKey(request("/numbers/+61491570006?_rsc=abc", { rsc: "1", "next-router-state-tree": tree, "next-url": "/registry" }));
    expect(navigation).not.toBeNull();
    expect(isRscKey(navigation!)).toBe(true);
    expect(navigation).not.toBe("/numbers/+61491570006?_rsc=abc");
    const variants = [
      pageCacheKey(request("/numbers/+61491570006?_rsc=abc", { rsc: "1", "next-router-state-tree": tree })),
      pageCacheKey(request("/numbers/+61491570006?_rsc=abc", { rsc: "1", "next-router-state-tree": tree, "next-url": "/" })),
      pageCacheKey(request("/numbers/+61491570006?_rsc=abc", { rsc: "1", "next-router-state-tree": tree, "next-url": "/registry", "next-router-prefetch": "1" })),
      pageCacheKey(request("/numbers/+61491570006?_rsc=abc", { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree", "next-url": "/registry" })),
      pageCacheKey(request("/numbers/+61491570007?_rsc=abc", { rsc: "1", "next-router-state-tree": tree, "next-url": "/registry" })),
      pageCacheKey(request("/registry?country=AU&_rsc=abc", { rsc: "1", "next-router-state-tree": tree, "next-url": "/registry" })),
      pageCacheKey(request("/registry?_rsc=abc", { rsc: "1", "next-router-state-tree": tree, "next-url": "/registry" })),
      navigation,
    ];
    expect(new Set(variants).size).toBe(variants.length);
    // `_rsc` is only a hash of those headers; other cookies change nothing, as for pages.
    expect(pageCacheKey(request("/numbers/+61491570006?_rsc=other", { rsc: "1", "next-router-state-tree": tree, "next-url": "/registry", cookie: "theme=dark" }))).toBe(navigation);
    expect(pageCacheKey(request("/registry?_rsc=a&country=AU", { rsc: "1", "next-router-state-tree": tree, "next-url": "/registry" }))).toBe(variants[5]);
    // Pages' keys are never RSC keys.
    expect(isRscKey(pageCacheKey(request("/numbers/+61491570006"))!)).toBe(false);
  });

  test("without intercepting routes, a payload is shared by whichever page asks for it (Next-Url)", () => {
    const prefetch = (nextUrl: string, options = {}) =>
      pageCacheKey(request("/registry?_rsc=x", { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree", "next-url": nextUrl }), options);
    expect(prefetch("/numbers/+61491570006", { nextUrlMatters: false })).toBe(prefetch("/numbers/+61491570007", { nextUrlMatters: false }));
    expect(prefetch("/numbers/+61491570006")).not.toBe(prefetch("/numbers/+61491570007"));
    expect(hasInterceptingRoutes({ rewrites: { beforeFiles: [], afterFiles: [], fallback: [] } })).toBe(false);
    expect(hasInterceptingRoutes({ rewrites: { beforeFiles: [{ source: "/photo/:id", destination: "/(.)photo/:id", has: [{ type: "header", key: "next-url", value: "/feed" }] }] } })).toBe(true);
    expect(hasInterceptingRoutes(undefined)).toBe(false);
  });

  test("are rendered again with the URL and router headers they were first asked with (background refreshes)", () => {
    const cache = new PageCache({ ttlMs: 60_000 });
    const headers = { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree", "next-url": "/" };
    const key = pageCacheKey(request("/organisations/medibank?_rsc=xyz", headers))!;
    const policy = contentSecurityPolicy({ nonce: "bm9uY2U=", development: false, https: true });
    cache.set(key, { status: 200, headers: [["content-type", "text/x-component"]], policy, html: "0:{}\n", request: { path: "/organisations/medibank?_rsc=xyz", headers } }, [], cache.begin());
    expect(cache.requestFor(key)).toEqual({ path: "/organisations/medibank?_rsc=xyz", headers });
    cache.set("/registry", { status: 200, headers: [["content-type", "text/html"]], policy, html: "<p>registry</p>" }, [], cache.begin());
    expect(cache.requestFor("/registry")).toEqual({ path: "/registry", headers: {} });
  });

  test("of forms every page links to are kept as prefetches only; actions' and other paths' never", () => {
    for (const path of ["/report?number=%2B61491570006&_rsc=a", "/signin?callbackUrl=%2F&_rsc=a", "/signup?_rsc=a"]) {
      expect(pageCacheKey(request(path, { rsc: "1", "next-router-prefetch": "1", "next-url": "/" })), path).not.toBeNull();
      expect(pageCacheKey(request(path, { rsc: "1", "next-router-state-tree": tree })), path).toBeNull();
    }
    for (const path of ["/account?_rsc=a", "/moderation?_rsc=a", "/organisations/medibank/manage?_rsc=a", "/api/v1/numbers/%2B61491570006?_rsc=a", "/api/v1/openapi.json?_rsc=a"]) {
      expect(pageCacheKey(request(path, { rsc: "1", "next-router-prefetch": "1" })), path).toBeNull();
    }
    expect(pageCacheKey(request("/numbers/+61491570006?_rsc=a", { rsc: "1", "next-router-prefetch": ["1", "1"] as unknown as string }))).toBeNull();
    expect(pageCacheKey(request("/numbers/+61491570006?_rsc=a", { rsc: "1" }, "POST"))).toBeNull();
  });

  test("a member with the hint shares visitors' prefetches (a route tree and metadata), never their navigations", () => {
    const hint = `${MEMBER_HINT_COOKIE}=${MEMBER_HINT_VALUE}`;
    const member = `authjs.session-token=abc; ${hint}`;
    const prefetch = { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree", "next-url": "/" };
    for (const path of ["/numbers/+61491570006?_rsc=a", "/registry?_rsc=a", "/report?_rsc=a", "/signin?_rsc=a", "/?_rsc=a"]) {
      const visitors = pageCacheKey(request(path, prefetch));
      expect(visitors, path).not.toBeNull();
      expect(pageCacheKey(request(path, { ...prefetch, cookie: member }), { membersShareKept: true }), path).toBe(visitors);
      expect(memberSharesKept(request(path, { ...prefetch, cookie: member })), path).toBe(true);
      // Without the hint, or with read replicas: rendered for them.
      expect(pageCacheKey(request(path, { ...prefetch, cookie: "authjs.session-token=abc" }), { membersShareKept: true }), path).toBeNull();
      expect(pageCacheKey(request(path, { ...prefetch, cookie: member }), { membersShareKept: false }), path).toBeNull();
    }
    // A navigation carries the member's own parts.
    const navigation = request("/numbers/+61491570006?_rsc=a", { rsc: "1", "next-router-state-tree": tree, cookie: member });
    expect(pageCacheKey(navigation, { membersShareKept: true })).toBeNull();
    expect(memberSharesKept(navigation)).toBe(false);
    expect(memberSharesKept(request("/numbers/+61491570006?_rsc=a", { cookie: member }))).toBe(false);
    // Their prefetch of a page of their own is theirs.
    expect(pageCacheKey(request("/account?_rsc=a", { ...prefetch, cookie: member }), { membersShareKept: true })).toBeNull();
  });

  test("a kept payload is sent with its own Cache-Control and a Vary naming the router headers", () => {
    const cache = new PageCache({ ttlMs: 60_000 });
    const key = pageCacheKey(request("/registry?_rsc=a", { rsc: "1", "next-router-prefetch": "1", "next-url": "/" }))!;
    const policy = contentSecurityPolicy({ nonce: "bm9uY2U=", development: false, https: true });
    const entry = cache.set(key, { status: 200, headers: [["content-type", "text/x-component"], ["cache-control", "private, no-cache, no-store, max-age=0, must-revalidate"]], policy, html: '0:{"b":"build"}\n' }, [], cache.begin())!;
    expect(entry).not.toBeNull();
    const sent = new Map<string, string>();
    const res = { statusCode: 0, setHeader: (name: string, value: string) => sent.set(name.toLowerCase(), value), end: () => undefined };
    sendKeptPage({ method: "GET", headers: {} }, res, entry, { sharedMaxAgeSeconds: 5, cache: "HIT" });
    expect(sent.get("cache-control")).toBe("private, no-cache, no-store, max-age=0, must-revalidate");
    expect(sent.get("vary")).toBe("RSC, Next-Router-State-Tree, Next-Router-Prefetch, Next-Router-Segment-Prefetch, Next-Url, Accept-Encoding");
    expect(sent.get("content-type")).toBe("text/x-component");
    expect(res.statusCode).toBe(200);
  });
});

describe("members with the member-view hint", () => {
  const hint = `${MEMBER_HINT_COOKIE}=${MEMBER_HINT_VALUE}`;
  const member = `authjs.session-token=abc; ${hint}`;

  test("are sent the kept copy of pages whose own parts they fetch, when members may share kept copies", () => {
    for (const url of ["/", "/numbers/+61491570006", "/organisations/medibank", "/organisations/medibank?verified=abc", "/registry", "/registry?cursor=abc", "/about", "/safe-calling"]) {
      expect(pageCacheKey(request(url, { cookie: member }), { membersShareKept: true }), url).toBe(url);
      expect(memberSharesKept(request(url, { cookie: member })), url).toBe(true);
    }
    expect(pageCacheKey(request("/numbers/+61491570006", { cookie: `${hint}; __Secure-authjs.session-token.0=abc` }), { membersShareKept: true })).toBe("/numbers/+61491570006");
  });

  test("are rendered for themselves without the hint, with read replicas, on the organisations directory, the API and client navigations", () => {
    expect(pageCacheKey(request("/numbers/+61491570006", { cookie: "authjs.session-token=abc" }), { membersShareKept: true })).toBeNull();
    expect(pageCacheKey(request("/numbers/+61491570006", { cookie: `authjs.session-token=abc; ${MEMBER_HINT_COOKIE}=staff` }), { membersShareKept: true })).toBeNull();
    expect(pageCacheKey(request("/numbers/+61491570006", { cookie: `authjs.session-token=abc; x${hint}` }), { membersShareKept: true })).toBeNull();
    expect(pageCacheKey(request("/numbers/+61491570006", { cookie: member }))).toBeNull();
    expect(pageCacheKey(request("/numbers/+61491570006", { cookie: member }), { membersShareKept: false })).toBeNull();
    for (const url of ["/organisations", "/organisations/medibank/manage", "/sitemap.xml", "/api/v1/numbers/%2B61491570006", "/report", "/account"]) {
      expect(pageCacheKey(request(url, { cookie: member }), { membersShareKept: true }), url).toBeNull();
      expect(memberSharesKept(request(url, { cookie: member })), url).toBe(false);
    }
    expect(pageCacheKey(request("/numbers/+61491570006", { cookie: member, rsc: "1" }), { membersShareKept: true })).toBeNull();
    // The hint alone (signed out) changes nothing: a visitor's page either way.
    expect(memberSharesKept(request("/", { cookie: hint }))).toBe(false);
    expect(pageCacheKey(request("/", { cookie: hint }), { membersShareKept: true })).toBe("/");
  });
});

describe("withScriptHashes", () => {
  const nonce = "bm9uY2Vub25jZW5vbmNlMQ==";
  const policy = contentSecurityPolicy({ nonce, development: false, https: true });
  const html = `<!doctype html><html><head><script src="/_next/static/chunks/a.js" nonce="${nonce}" async></script><script nonce="${nonce}">self.__next_f=[]</script></head><body><p>&lt;script&gt;alert(1)&lt;/script&gt;</p><script>alert("injected")</script><script nonce="${nonce}">self.__next_f.push([1,"\\u003cb\\u003e"])</script></body></html>`;

  test("the nonce becomes the hashes of exactly the inline scripts that carried it", () => {
    const result = withScriptHashes(policy, html)!;
    const scriptSrc = result.policy.split("; ").find((directive: string) => directive.startsWith("script-src"))!;
    expect(scriptSrc).toBe(`script-src 'self' ${sha("self.__next_f=[]")} ${sha('self.__next_f.push([1,"\\u003cb\\u003e"])')}`);
    // A script without the render's nonce (as an injected one would be) is not allowed by a hash.
    expect(result.policy).not.toContain(sha('alert("injected")'));
    expect(result.policy).not.toContain("nonce-");
    // Every other directive is unchanged.
    expect(result.policy.split("; ").filter((d: string) => !d.startsWith("script-src"))).toEqual(policy.split("; ").filter((d: string) => !d.startsWith("script-src")));
    expect(result.html).not.toContain(nonce);
    expect(result.html).toContain('<script src="/_next/static/chunks/a.js" async></script>');
  });

  test("a page without inline scripts allows only the site's own files; a policy without a nonce is left alone", () => {
    expect(withScriptHashes(policy, "<html><body>hi</body></html>")!.policy).toContain("script-src 'self'; ");
    expect(withScriptHashes("default-src 'none'", html)).toBeNull();
  });
});

describe("PageCache", () => {
  const page = (text = "hello") => ({
    status: 200,
    headers: [["content-type", "text/html; charset=utf-8"], ["set-cookie", "x=1"], ["x-request-id", "r1"], ["x-frame-options", "DENY"]] as [string, string][],
    policy: "script-src 'self' 'nonce-abc' 'strict-dynamic'; frame-ancestors 'none'",
    html: `<html><script nonce="abc">${text}</script></html>`,
  });

  test("an API answer and an XML file keep their own Cache-Control; a page's is replaced when sent", () => {
    const cache = new PageCache({ ttlMs: 60_000 });
    const json = { status: 200, headers: [["content-type", "application/json"], ["cache-control", "public, max-age=60"]] as [string, string][], policy: "script-src 'self' 'nonce-abc' 'strict-dynamic'", html: '{"e164":"+61491570006"}' };
    expect(cache.set("/api/v1/numbers/x", json, [], cache.begin())).toMatchObject({ api: true, cacheControl: "public, max-age=60" });
    expect(cache.set("/", page(), [], cache.begin())).toMatchObject({ api: false, ownCacheControl: false, cacheControl: undefined });
    const xml = { ...json, headers: [["content-type", "application/xml; charset=utf-8"], ["cache-control", "public, max-age=3600, s-maxage=3600"]] as [string, string][], html: "<sitemapindex/>" };
    expect(cache.set("/sitemap.xml", xml, [], cache.begin())).toMatchObject({ api: false, ownCacheControl: true, cacheControl: "public, max-age=3600, s-maxage=3600" });
  });

  test("keeps a page for its lifetime, with per-exchange headers removed", () => {
    let now = 1_000;
    const cache = new PageCache({ ttlMs: 5_000, now: () => now });
    const entry = cache.set("/", page(), ["number:+61491570006"], cache.begin())!;
    expect(entry.headers).toEqual([["content-type", "text/html; charset=utf-8"], ["x-frame-options", "DENY"]]);
    expect(entry.policy).toBe(`script-src 'self' ${sha("hello")}; frame-ancestors 'none'`);
    expect(cache.get("/")).toBe(entry);
    now += 4_999;
    expect(cache.get("/")).toBe(entry);
    now += 1;
    expect(cache.get("/")).toBeUndefined();
  });

  test("a hot page is still returned past its lifetime, as stale, for a while; a cold one is rendered again; a write drops both", () => {
    let now = 0;
    const cache = new PageCache({ ttlMs: 5_000, maxStaleMs: 30_000, now: () => now });
    cache.set("/hot", page("hot"), ["number:h"], cache.begin());
    cache.set("/cold", page("cold"), ["number:c"], cache.begin());
    for (let i = 0; i < HOT_HITS - 1; i++) expect(cache.lookup("/hot")?.fresh).toBe(true);
    now = 5_000;
    // The HOT_HITS-th request comes after the lifetime: hot, so the old copy is returned as stale.
    expect(cache.lookup("/hot")).toMatchObject({ fresh: false });
    expect(cache.get("/hot")).toBeUndefined();
    // Asked for once: rendered again (a miss), and the count carries over to the new copy.
    expect(cache.lookup("/cold")).toBeUndefined();
    cache.set("/cold", page("cold"), ["number:c"], cache.begin());
    expect(cache.entries.get("/cold")!.hits).toBe(1);
    now = 34_999;
    expect(cache.lookup("/hot")?.fresh).toBe(false);
    now = 35_000;
    expect(cache.lookup("/hot")).toBeUndefined();
    // A write drops a stale copy too.
    now = 0;
    cache.set("/hot", page("hot"), ["number:h"], cache.begin());
    for (let i = 0; i < HOT_HITS; i++) cache.lookup("/hot");
    now = 6_000;
    cache.invalidate(["number:h"]);
    expect(cache.lookup("/hot")).toBeUndefined();
  });

  test("an invalidated tag drops the pages that read it, and only those", () => {
    const cache = new PageCache({ ttlMs: 60_000 });
    cache.set("/numbers/a", page("a"), ["number:a", "organisation:o"], cache.begin());
    cache.set("/numbers/b", page("b"), ["number:b"], cache.begin());
    cache.invalidate(["organisation:o"]);
    expect(cache.get("/numbers/a")).toBeUndefined();
    expect(cache.get("/numbers/b")).toBeDefined();
    cache.invalidate(["*"]);
    expect(cache.get("/numbers/b")).toBeUndefined();
  });

  test("a render that overlapped an invalidation of its tags is not kept; one that did not is", () => {
    const cache = new PageCache({ ttlMs: 60_000 });
    const started = cache.begin();
    cache.invalidate(["number:a"]);
    expect(cache.set("/numbers/a", page(), ["number:a"], started)).toBeNull();
    expect(cache.set("/numbers/b", page(), ["number:b"], started)).not.toBeNull();
    const allStarted = cache.begin();
    cache.invalidate(["*"]);
    expect(cache.set("/numbers/b", page(), ["number:b"], allStarted)).toBeNull();
    expect(cache.set("/numbers/b", page(), ["number:b"], cache.begin())).not.toBeNull();
  });

  test("a hold keeps nothing new until it ends; a lifetime of 0 keeps nothing", () => {
    let now = 0;
    const cache = new PageCache({ ttlMs: 60_000, now: () => now });
    cache.invalidate(["*"], 3_000);
    expect(cache.set("/", page(), [], cache.begin())).toBeNull();
    now = 3_000;
    expect(cache.set("/", page(), [], cache.begin())).not.toBeNull();
    const off = new PageCache({ ttlMs: 0 });
    expect(off.enabled).toBe(false);
    expect(off.set("/", page(), [], off.begin())).toBeNull();
  });

  test("stays within its entry and byte bounds, least recently used first out", () => {
    const cache = new PageCache({ ttlMs: 60_000, maxEntries: 2 });
    cache.set("/a", page("a"), [], cache.begin());
    cache.set("/b", page("b"), [], cache.begin());
    cache.get("/a");
    cache.set("/c", page("c"), [], cache.begin());
    expect([...cache.entries.keys()]).toEqual(["/a", "/c"]);
    const small = new PageCache({ ttlMs: 60_000, maxBytes: 1 });
    small.set("/a", page("a"), [], small.begin());
    expect(small.entries.size).toBe(0);
    expect(small.bytes).toBe(0);
  });

  test("says how long a shared cache may hold a kept page: the data cache's bound, not this process's lifetime", () => {
    expect(keptCacheControl(5)).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=5");
    expect(pageCacheSettings({})).toEqual({ ttlMs: 5_000, sharedMaxAgeSeconds: 5, dataCacheOn: true });
    expect(pageCacheSettings({ DATA_CACHE_SECONDS: "10" })).toEqual({ ttlMs: 10_000, sharedMaxAgeSeconds: 10, dataCacheOn: true });
    expect(pageCacheSettings({ PAGE_CACHE_SECONDS: "600", DATA_CACHE_SECONDS: "10" })).toEqual({ ttlMs: 600_000, sharedMaxAgeSeconds: 10, dataCacheOn: true });
    // No data cache, no kept pages; PAGE_CACHE_SECONDS=0 turns only the page cache off.
    expect(pageCacheSettings({ DATA_CACHE_SECONDS: "0" })).toMatchObject({ ttlMs: 0, dataCacheOn: false });
    // The data cache still runs then, and so does the listener for other processes' writes (scripts/server.mjs).
    expect(pageCacheSettings({ PAGE_CACHE_SECONDS: "0" })).toMatchObject({ ttlMs: 0, dataCacheOn: true });
    expect(() => pageCacheSettings({ PAGE_CACHE_SECONDS: "soon" })).toThrow(/0 to 3600/);
    expect(() => pageCacheSettings({ DATA_CACHE_SECONDS: "-1" })).toThrow(/0 to 300/);
  });
});

describe("RefreshQueue", () => {
  /** A queue whose refreshes end when the test says, recording the order they started in. */
  function queue(options: { concurrency?: number; limit?: number; stillNeeded?: (key: string) => boolean } = {}) {
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    const refreshes = new RefreshQueue({
      concurrency: options.concurrency ?? 1,
      limit: options.limit ?? 10,
      stillNeeded: options.stillNeeded,
      start: (key: string, done: () => void) => {
        started.push(key);
        finish.set(key, done);
      },
    });
    return { refreshes, started, end: (key: string) => finish.get(key)!() };
  }

  test("refreshes one page at a time and keeps the others waiting in order: each of their visitors gets the stale copy", () => {
    const { refreshes, started, end } = queue();
    for (const key of ["/numbers/a", "/numbers/b", "/numbers/c", "/numbers/b"]) expect(refreshes.request(key), key).toBe(true);
    expect(started).toEqual(["/numbers/a"]);
    end("/numbers/a");
    expect(started).toEqual(["/numbers/a", "/numbers/b"]);
    // A page asked for again while it waits or is refreshed is not queued twice.
    expect(refreshes.request("/numbers/b")).toBe(true);
    expect(refreshes.request("/numbers/c")).toBe(true);
    end("/numbers/b");
    end("/numbers/c");
    expect(started).toEqual(["/numbers/a", "/numbers/b", "/numbers/c"]);
    // A refresh that reports its end twice (an error after the end) starts nothing twice.
    end("/numbers/c");
    expect(started).toHaveLength(3);
  });

  test("a full queue refuses (the visitor's request renders), and a page no longer needing a refresh is skipped", () => {
    const needed = new Set(["/a", "/c"]);
    const { refreshes, started, end } = queue({ limit: 2, stillNeeded: (key) => needed.has(key) });
    expect(refreshes.request("/running")).toBe(true);
    expect(refreshes.request("/a")).toBe(true);
    expect(refreshes.request("/b")).toBe(true);
    expect(refreshes.request("/c")).toBe(false);
    end("/running");
    end("/a");
    // "/b" was dropped or kept again meanwhile: nothing to refresh, the queue moves on.
    expect(started).toEqual(["/running", "/a"]);
    expect(refreshes.request("/c")).toBe(true);
    expect(started).toEqual(["/running", "/a", "/c"]);
  });

  test("PageCache says which kept pages a refresh would replace: expired, within their stale window", () => {
    let now = 0;
    const cache = new PageCache({ ttlMs: 5_000, maxStaleMs: 30_000, now: () => now });
    cache.set("/", { status: 200, headers: [], policy: "script-src 'self' 'nonce-abc' 'strict-dynamic'", html: "<html></html>" }, [], cache.begin());
    expect(cache.expiredButKept("/")).toBe(false);
    now = 5_000;
    expect(cache.expiredButKept("/")).toBe(true);
    now = 35_000;
    expect(cache.expiredButKept("/")).toBe(false);
    expect(cache.expiredButKept("/never-kept")).toBe(false);
  });
});
