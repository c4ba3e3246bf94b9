import { describe, expect, it } from "vitest";
import { MAX_PROCESSES, processCount } from "./cluster.mjs";

describe("processCount (WEB_CONCURRENCY)", () => {
  it("is one process when unset or blank", () => {
    expect(processCount({})).toBe(1);
    expect(processCount({ WEB_CONCURRENCY: "" })).toBe(1);
    expect(processCount({ WEB_CONCURRENCY: "  " })).toBe(1);
  });

  it("reads a whole number of processes", () => {
    expect(processCount({ WEB_CONCURRENCY: "1" })).toBe(1);
    expect(processCount({ WEB_CONCURRENCY: " 4 " })).toBe(4);
    expect(processCount({ WEB_CONCURRENCY: String(MAX_PROCESSES) })).toBe(MAX_PROCESSES);
  });

  it.each(["0", "-2", "2.5", "two", "1e3", String(MAX_PROCESSES + 1), "auto"])("refuses %j with a message naming the setting", (value) => {
    expect(() => processCount({ WEB_CONCURRENCY: value })).toThrow(/WEB_CONCURRENCY must be a whole number from 1 to 64/);
  });
});
