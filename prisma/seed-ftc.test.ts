import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { readFtcComplaints } from "./seed-ftc";

// The README states what the FTC import stores; the seed prints the same three figures.
test("the README's FTC figures are what the seed imports", () => {
  const readme = readFileSync(path.join(import.meta.dirname, "..", "README.md"), "utf8").replace(/\s+/g, " ");
  const stated = /([\d,]+) reports on ([\d,]+) U\.S\. numbers, filed under six import members; ([\d,]+) rows without a usable number/.exec(readme);
  expect(stated, "README sentence about the FTC import").not.toBeNull();
  const [reports, numbers, skipped] = stated!.slice(1).map((figure) => Number(figure.replace(/,/g, "")));
  const imported = readFtcComplaints(["a", "b", "c", "d", "e", "f"]);
  expect({ reports: imported.reports.length, numbers: imported.numbers.size, skipped: imported.skipped }).toEqual({ reports, numbers, skipped });
}, 120_000); // parses and normalises 14,000 rows: seconds on a busy machine
