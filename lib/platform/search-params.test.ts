import { expect, test } from "vitest";
import { firstParam } from "./search-params";

test("a repeated query parameter reads as its first value; missing stays undefined; length is capped", () => {
  expect(firstParam(["a", "b"])).toBe("a");
  expect(firstParam("q")).toBe("q");
  expect(firstParam(undefined)).toBeUndefined();
  expect(firstParam([])).toBeUndefined();
  expect(firstParam("x".repeat(500), 10)).toBe("x".repeat(10));
});

test("control characters never reach a query", () => {
  expect(firstParam("har\u0000bour\u001b")).toBe("harbour");
  expect(firstParam(["\u0000", "b"])).toBe("");
});
