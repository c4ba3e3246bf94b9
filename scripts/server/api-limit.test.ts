import { describe, expect, test } from "vitest";
import { addressFrom, CLIENT_ADDRESS_HEADER, LIMITS, rowKey } from "@/lib/platform/rate-limit";
import { API_LIMIT, apiLimitKey } from "./api-limit.mjs";

describe("the server's spend of the API limit", () => {
  test("is LIMITS.api, on the row the app spends", () => {
    expect(API_LIMIT).toEqual(LIMITS.api);
    for (const address of ["203.0.113.9", "2001:db8::1", "", "  192.0.2.1 ", "x".repeat(80)]) {
      const app = rowKey("api", `address:${addressFrom(new Headers({ [CLIENT_ADDRESS_HEADER]: address }))}`);
      expect(apiLimitKey(address), JSON.stringify(address)).toBe(app);
    }
  });
});
