import { describe, expect, test } from "vitest";
import { z } from "zod";
import { normaliseWebsite, parseOccurredAt, reportSchemaAt } from "./schema";

const NOW = new Date("2026-11-25T03:00:00Z");
const schema = reportSchemaAt(() => NOW);
const valid = { number: "0412 345 678", channel: "CALL", category: "SCAM", askedFor: [], idempotencyKey: "key-12345678" };
const errorsFor = (input: Record<string, unknown>) => {
  const result = schema.safeParse(input);
  return (result.success ? {} : z.flattenError(result.error).fieldErrors) as Record<string, string[] | undefined>;
};

describe("reportSchema", () => {
  test("a minimal report parses: the number normalised, the call 'now', no organisation", () => {
    const data = schema.parse(valid);
    expect(data.phone).toMatchObject({ e164: "+61412345678", country: "AU", type: "MOBILE" });
    expect(data.occurredAt).toEqual(NOW);
    expect(data).toMatchObject({ channel: "CALL", category: "SCAM", askedFor: [], organisationId: undefined, proposedOrganisation: undefined });
  });

  test("the region applies to national spellings only", () => {
    expect(schema.parse({ ...valid, number: "020 7946 0018", region: "GB" }).phone.e164).toBe("+442079460018");
    expect(schema.parse({ ...valid, number: "+1 202 555 0143", region: "AU" }).phone.country).toBe("US");
  });

  test("every field's message comes back at once", () => {
    const errors = errorsFor({ number: "12", occurredAt: "2099-01-01T10:00", channel: "", category: "", askedFor: ["NOTHING", "SECURITY_ANSWERS"], body: "x".repeat(2_001), idempotencyKey: "key-12345678" });
    expect(Object.keys(errors).sort()).toEqual(["askedFor", "body", "category", "channel", "number", "occurredAt"]);
    expect(errors.occurredAt?.[0]).toMatch(/future/);
    expect(errors.category?.[0]).toBe("Choose what kind of call it was.");
  });

  test("the call may be a few minutes in the future (clock skew), not more; not before 1990", () => {
    expect(errorsFor({ ...valid, occurredAt: new Date(NOW.getTime() + 4 * 60_000).toISOString() }).occurredAt).toBeUndefined();
    expect(errorsFor({ ...valid, occurredAt: new Date(NOW.getTime() + 10 * 60_000).toISOString() }).occurredAt?.[0]).toMatch(/future/);
    expect(errorsFor({ ...valid, occurredAt: "1989-12-31T23:00" }).occurredAt?.[0]).toMatch(/1990/);
    expect(errorsFor({ ...valid, occurredAt: "2026-02-31T10:00" }).occurredAt?.[0]).toMatch(/date and time/);
    expect(errorsFor({ ...valid, occurredAt: "yesterday" }).occurredAt?.[0]).toMatch(/date and time/);
  });

  test("a datetime-local value is read in the browser's zone", () => {
    // Sydney in summer is UTC+11: getTimezoneOffset() is -660.
    expect(parseOccurredAt("2026-11-25T09:30", -660, NOW)?.toISOString()).toBe("2026-11-24T22:30:00.000Z");
    expect(parseOccurredAt("2026-11-25T09:30", undefined, NOW)?.toISOString()).toBe("2026-11-25T09:30:00.000Z");
    expect(parseOccurredAt("", 0, NOW)).toBe(NOW);
    expect(schema.parse({ ...valid, occurredAt: "2026-11-25T13:59", tzOffset: "-660" }).occurredAt.toISOString()).toBe("2026-11-25T02:59:00.000Z");
  });

  test("text limits: caller ID name 100, what happened 2,000", () => {
    expect(errorsFor({ ...valid, callerIdName: "y".repeat(100), body: "x".repeat(2_000) })).toEqual({});
    expect(errorsFor({ ...valid, callerIdName: "y".repeat(101) }).callerIdName?.[0]).toMatch(/100/);
    expect(errorsFor({ ...valid, body: "x".repeat(2_001) }).body?.[0]).toMatch(/2,000/);
  });

  test("'Nothing' is exclusive; asked-for values must be known; duplicates collapse", () => {
    expect(errorsFor({ ...valid, askedFor: ["NOTHING", "CARD_OR_PAYMENT"] }).askedFor?.[0]).toMatch(/Nothing/);
    expect(errorsFor({ ...valid, askedFor: ["MONEY"] }).askedFor).toBeTruthy();
    expect(schema.parse({ ...valid, askedFor: ["SECURITY_ANSWERS", "SECURITY_ANSWERS"] }).askedFor).toEqual(["SECURITY_ANSWERS"]);
    expect(schema.parse({ ...valid, askedFor: "NOTHING" }).askedFor).toEqual(["NOTHING"]);
  });

  test("an organisation is chosen from the list, or proposed with a name and a web address", () => {
    expect(schema.parse({ ...valid, organisationId: "clx0abc123def456ghi789jk" }).organisationId).toBe("clx0abc123def456ghi789jk");
    expect(errorsFor({ ...valid, organisationId: "<script>" }).organisationId).toBeTruthy();
    expect(errorsFor({ ...valid, organisationQuery: "Harbour" }).organisationId?.[0]).toMatch(/Someone else/);
    const proposed = schema.parse({ ...valid, organisationId: "clx0abc123def456ghi789jk", proposeOrganisation: "1", proposedName: " Parcel   Co ", proposedWebsite: "parcel.example" });
    expect(proposed.organisationId).toBeUndefined();
    expect(proposed.proposedOrganisation).toEqual({ name: "Parcel Co", website: "https://parcel.example/" });
    expect(errorsFor({ ...valid, proposeOrganisation: "1", proposedName: "" }).proposedName).toBeTruthy();
    expect(errorsFor({ ...valid, proposeOrganisation: "1", proposedName: "12345" }).proposedName?.[0]).toMatch(/letters/);
    expect(errorsFor({ ...valid, proposeOrganisation: "1", proposedName: "Parcel Co", proposedWebsite: "javascript:alert(1)" }).proposedWebsite).toBeTruthy();
  });

  test("the idempotency key is required", () => {
    expect(errorsFor({ ...valid, idempotencyKey: undefined }).idempotencyKey).toBeTruthy();
    expect(errorsFor({ ...valid, idempotencyKey: "x" }).idempotencyKey).toBeTruthy();
  });
});

test("normaliseWebsite accepts bare domains and http(s) only", () => {
  expect(normaliseWebsite("example.com.au")).toBe("https://example.com.au/");
  expect(normaliseWebsite("http://example.com/path")).toBe("http://example.com/path");
  expect(normaliseWebsite("ftp://example.com")).toBeNull();
  expect(normaliseWebsite("localhost")).toBeNull();
  expect(normaliseWebsite("https://user:pw@example.com")).toBeNull();
});

test("NUL and other control characters never reach the database; newlines and tabs stay", () => {
  const data = schema.parse({ ...valid, body: "line one\u0000\nline\ttwo\u001b", callerIdName: "\u0000\u0007" });
  expect(data.body).toBe("line one\nline\ttwo");
  expect(data.callerIdName).toBeUndefined();
});
