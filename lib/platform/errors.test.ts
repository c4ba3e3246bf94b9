import { z } from "zod";
import { expect, test } from "vitest";
import { AppError, fieldsWithControlCharacters, isUniqueViolation, parseOrThrow, sqlStateOf } from "./errors";

const schema = z.object({ name: z.string(), text: z.string(), tags: z.array(z.string()).optional() });

test("NUL and other control characters are refused by every schema, with the field named", () => {
  for (const bad of ["a\u0000b", "\u0007", "x\u001by", "\u007f"]) {
    const error = (() => {
      try {
        parseOrThrow(schema, { name: "ok", text: bad });
      } catch (caught) {
        return caught;
      }
    })() as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors?.text?.[0]).toMatch(/control characters/);
  }
  expect(fieldsWithControlCharacters({ tags: ["fine", "bad\u0000"] })).toEqual(["tags"]);
});

test("tabs and line breaks in free text are allowed", () => {
  expect(parseOrThrow(schema, { name: "ok", text: "line one\r\nline\ttwo" }).text).toBe("line one\r\nline\ttwo");
});

test("isDatabaseUnavailable knows the ways a stopped database answers, and nothing else", async () => {
  const { isDatabaseUnavailable } = await import("./errors");
  for (const message of [
    "connect ECONNREFUSED 127.0.0.1:5432",
    "Raw query failed. Code: `N/A`. Message: `Server has closed the connection.`",
    "terminating connection due to administrator command",
    "Unable to start a transaction in the given time",
  ]) {
    expect(isDatabaseUnavailable(new Error(message)), message).toBe(true);
  }
  expect(isDatabaseUnavailable(new Error("Unique constraint failed on the fields: (`email`)"))).toBe(false);
  expect(isDatabaseUnavailable({ cause: { code: "ECONNREFUSED" } })).toBe(true);
});

test("a unique violation is recognised from Prisma's own queries and from inside a raw query (Prisma 7's shape)", () => {
  expect(isUniqueViolation({ code: "P2002" })).toBe(true);
  const raw = (originalCode: string) => ({
    code: "P2010",
    meta: { driverAdapterError: { cause: { originalCode, kind: "postgres" } } },
    message: `Raw query failed. Code: \`${originalCode}\`. Message: \`duplicate key value violates unique constraint "Report_reporterId_idempotencyKey_key"\``,
  });
  expect(isUniqueViolation(raw("23505"))).toBe(true);
  expect(sqlStateOf(raw("CC001"))).toBe("CC001");
  expect(isUniqueViolation(raw("23503"))).toBe(false);
  // Without the adapter's cause, the code in the message still tells.
  expect(isUniqueViolation({ code: "P2010", message: "Raw query failed. Code: `23505`. Message: `duplicate key`" })).toBe(true);
  expect(isUniqueViolation(new Error("duplicate"))).toBe(false);
  expect(isUniqueViolation(null)).toBe(false);
});
