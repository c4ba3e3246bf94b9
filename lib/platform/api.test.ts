import { describe, expect, test } from "vitest";
import { z } from "zod";
import { errorResponse, okJson } from "./api";
import { AppError, FIELDS_MESSAGE } from "./errors";

// No database: errorResponse and okJson decide statuses only.
describe("API answers", () => {
  test("a body that fails its own schema is a 500, not a 400 blamed on the client", async () => {
    const schema = z.object({ id: z.string() });
    expect(() => okJson(schema, { id: 1 } as never)).toThrow(/Response failed its own schema: id/);
    // And a stray ZodError thrown anywhere in a handler is ours too.
    const stray = z.object({ id: z.string() }).safeParse({ id: 1 });
    const response = errorResponse(stray.error);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." } });
  });

  test("a request's own validation (an INVALID AppError) is a 400 naming the field", async () => {
    const response = errorResponse(new AppError("INVALID", FIELDS_MESSAGE, { from: ["Enter a phone number."] }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "INVALID", message: "from: Enter a phone number." } });
  });

  test("okJson sends a 201 when asked, with the parsed body", async () => {
    const response = okJson(z.object({ id: z.string() }), { id: "a" }, { "Cache-Control": "no-store" }, 201);
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ id: "a" });
  });
});
