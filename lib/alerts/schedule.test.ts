import { expect, test } from "vitest";
import { emailDueAt, instantDueAt, nextDigestAt } from "./schedule";

const at = (iso: string) => new Date(iso);

test("'at once' is due now, or when the hour since the last e-mail for that watch ends", () => {
  expect(instantDueAt(at("2030-01-01T10:00:00Z"), null)).toEqual(at("2030-01-01T10:00:00Z"));
  expect(instantDueAt(at("2030-01-01T10:00:00Z"), at("2030-01-01T09:30:00Z"))).toEqual(at("2030-01-01T10:30:00Z"));
  expect(instantDueAt(at("2030-01-01T10:00:00Z"), at("2030-01-01T08:59:00Z"))).toEqual(at("2030-01-01T10:00:00Z"));
});

test("the daily digest is due at the next 07:00 UTC, so one day's events share one e-mail", () => {
  expect(nextDigestAt(at("2030-01-01T06:59:59Z"))).toEqual(at("2030-01-01T07:00:00Z"));
  expect(nextDigestAt(at("2030-01-01T07:00:00Z"))).toEqual(at("2030-01-02T07:00:00Z"));
  expect(nextDigestAt(at("2030-01-01T23:30:00Z"))).toEqual(at("2030-01-02T07:00:00Z"));
  expect(nextDigestAt(at("2030-12-31T12:00:00Z"))).toEqual(at("2031-01-01T07:00:00Z"));
});

test("no e-mail is due for a watch set to 'No e-mail' or while e-mail is paused", () => {
  const now = at("2030-01-01T10:00:00Z");
  expect(emailDueAt("OFF", false, now, null)).toBeNull();
  expect(emailDueAt("INSTANT", true, now, null)).toBeNull();
  expect(emailDueAt("DAILY", true, now, null)).toBeNull();
  expect(emailDueAt("DAILY", false, now, null)).toEqual(at("2030-01-02T07:00:00Z"));
});
