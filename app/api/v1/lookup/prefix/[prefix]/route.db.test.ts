import { describe, expect, test } from "vitest";
import { hashPrefixOf, numberHash } from "@/lib/feeds/rules";
import { db } from "@/lib/platform/db";
import { GET } from "./route";

let address = 0;
const lookup = (prefix: string) =>
  GET(new Request(`http://localhost/api/v1/lookup/prefix/${prefix}`, { headers: { "x-forwarded-for": `10.8.0.${++address % 250}` } }), { params: Promise.resolve({ prefix }) });

/** Numbers whose hashes share a five-character prefix (a birthday search: a few thousand hashes). */
function collidingNumbers(): { prefix: string; numbers: string[] } {
  const seen = new Map<string, string[]>();
  for (let n = 0; ; n++) {
    const e164 = `+1202555${String(n).padStart(4, "0")}`;
    const prefix = hashPrefixOf(numberHash(e164));
    const group = [...(seen.get(prefix) ?? []), e164];
    if (group.length === 2) return { prefix, numbers: group };
    seen.set(prefix, group);
  }
}

async function listed(e164: string, state: { allowed?: boolean; blocked?: boolean }) {
  const sha256 = numberHash(e164);
  await db.listedNumber.create({
    data: { e164, sha256, hashPrefix: hashPrefixOf(sha256), verdict: state.allowed ? "VERIFIED" : state.blocked ? "LIKELY_SCAM" : "DISPUTED", allowed: !!state.allowed, blocked: !!state.blocked, category: state.blocked ? "SCAM" : null, confidence: state.blocked ? 0.7 : 0 },
  });
}

describe("GET /api/v1/lookup/prefix/{prefix}", () => {
  test("returns every listed number inside the prefix and none outside it", async () => {
    const { prefix, numbers } = collidingNumbers();
    const [blocked, allowed] = numbers;
    await listed(blocked!, { blocked: true });
    await listed(allowed!, { allowed: true });
    // Numbers outside the prefix, and one that left the lists.
    for (let n = 0; n < 40; n++) await listed(`+1303555${String(n).padStart(4, "0")}`, { blocked: n % 2 === 0 });

    const response = await lookup(prefix.toUpperCase());
    expect(response.status).toBe(200);
    const body = (await response.json()) as { prefix: string; entries: { sha256: string; list: string; verdict: string }[] };
    expect(body.prefix).toBe(prefix);
    expect(body.entries.map((e) => [e.sha256, e.list]).sort()).toEqual([[numberHash(blocked!), "block"], [numberHash(allowed!), "allow"]].sort());

    for (const row of await db.listedNumber.findMany({ select: { hashPrefix: true, sha256: true, allowed: true, blocked: true } })) {
      const answer = (await (await lookup(row.hashPrefix)).json()) as { entries: { sha256: string }[] };
      for (const entry of answer.entries) expect(entry.sha256.startsWith(row.hashPrefix)).toBe(true);
      expect(answer.entries.some((e) => e.sha256 === row.sha256)).toBe(row.allowed || row.blocked);
    }
  });

  test("anything but five hex characters is a 400", async () => {
    for (const bad of ["abcd", "abcdef", "ghijk", "+6149"]) expect((await lookup(bad)).status).toBe(400);
  });

  test("the query is an index scan on the prefix", async () => {
    // One connection: the setting must apply to the EXPLAIN (a tiny table would otherwise be scanned whole).
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN SELECT sha256 FROM "ListedNumber" WHERE "hashPrefix" = 'abcde'`);
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toMatch(/ListedNumber_hashPrefix_idx/);
  });
});
