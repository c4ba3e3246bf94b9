import { describe, expect, test } from "vitest";
import { LocalLimit } from "./local-limit";

describe("LocalLimit", () => {
  test("a key spends its points in a window, is refused past them, and starts again in the next window", () => {
    let now = 1_000_000;
    const limit = new LocalLimit(3, 60_000, 100, () => now);
    expect([1, 2, 3].map(() => limit.spend("a").ok)).toEqual([true, true, true]);
    expect(limit.spend("a")).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(limit.spend("b").ok).toBe(true);
    now += 30_000;
    expect(limit.spend("a")).toEqual({ ok: false, retryAfterSeconds: 30 });
    now += 30_000;
    expect(limit.spend("a").ok).toBe(true);
  });

  test("holds at most maxKeys keys, dropping the oldest window first", () => {
    const limit = new LocalLimit(1, 60_000, 2);
    expect(limit.spend("a").ok).toBe(true);
    expect(limit.spend("b").ok).toBe(true);
    expect(limit.spend("c").ok).toBe(true); // "a" dropped
    expect(limit.spend("b").ok).toBe(false);
    expect(limit.spend("a").ok).toBe(true);
  });
});
