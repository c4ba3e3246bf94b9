import { redirect } from "next/navigation";
import { beforeEach, expect, test, vi } from "vitest";
import { z } from "zod";
import { AppError } from "../platform/errors";
import type { Actor } from "./authz";

// The wrapper's own behaviour: how a form becomes the handler's input and how every way out becomes an
// ActionResult. The session and the request's address are the only stand-ins (they need a request);
// the actions' database behaviour is covered against PostgreSQL in app/authorisation-matrix.db.test.ts.
const state = vi.hoisted(() => ({ actor: null as Actor | null, address: "10.0.0.1" }));
vi.mock("./authz", () => ({ getActor: async () => state.actor }));
vi.mock("../platform/rate-limit", () => ({ clientAddress: async () => state.address }));
vi.mock("../platform/log", () => ({ logUnexpected: async () => undefined }));

const { serverAction } = await import("./action");

const member: Actor = { id: "u1", name: "Member", email: "m@example.com", role: "USER", createdAt: new Date(0), emailVerified: new Date(0), suspendedAt: null };

function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

beforeEach(() => {
  state.actor = null;
  state.address = "10.0.0.1";
});

const voteSchema = z.object({ claimId: z.string().min(1, "Choose a claim."), tags: z.array(z.string()) });

test("the form is parsed once with the schema (groups as arrays) and the handler gets the actor and address", async () => {
  state.actor = member;
  state.address = "10.9.8.7";
  const handler = vi.fn(async (input: z.infer<typeof voteSchema>, context: { actor: Actor | null; address: string }) => ({ ok: true as const, data: { input, actor: context.actor?.id, address: context.address } }));
  const action = serverAction({ schema: voteSchema, arrays: ["tags"] }, handler);
  const result = await action(null, form([["claimId", "c1"], ["tags", "a"], ["$ACTION_ID_x", ""]]));
  expect(result).toEqual({ ok: true, data: { input: { claimId: "c1", tags: ["a"] }, actor: "u1", address: "10.9.8.7" } });
  expect(handler).toHaveBeenCalledTimes(1);
});

test("without a schema the handler gets the form as an object, an unticked group as []", async () => {
  const action = serverAction({ arrays: ["askedFor"] }, async (input) => ({ ok: true as const, data: input }));
  expect(await action(undefined, form([["number", "0412 345 678"]]))).toEqual({ ok: true, data: { number: "0412 345 678", askedFor: [] } });
});

test("input the schema refuses comes back with its field messages, and the handler never runs", async () => {
  const handler = vi.fn(async () => ({ ok: true as const, data: undefined }));
  const result = await serverAction({ schema: voteSchema, arrays: ["tags"] }, handler)(null, form([["claimId", ""]]));
  expect(result).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { claimId: ["Choose a claim."] } });
  expect(handler).not.toHaveBeenCalled();
});

test("a file where text is expected is refused with a clear message", async () => {
  const handler = vi.fn(async () => ({ ok: true as const, data: undefined }));
  const result = await serverAction({}, handler)(null, form([["body", new Blob(["x"])]]));
  expect(result).toMatchObject({ ok: false, code: "INVALID", error: "Files cannot be sent with this form." });
  expect(handler).not.toHaveBeenCalled();
});

test("an AppError from the command is shown; anything else is answered generically", async () => {
  const refused = serverAction({}, async () => {
    throw new AppError("FORBIDDEN", "You do not have permission to do that.");
  });
  expect(await refused(null, form([]))).toEqual({ ok: false, code: "FORBIDDEN", error: "You do not have permission to do that.", fieldErrors: undefined });
  const broken = serverAction({}, async () => {
    throw new Error("connection string with a password in it");
  });
  const failure = await broken(null, form([]));
  expect(failure).toEqual({ ok: false, error: "Something went wrong on our side. Please try again." });
});

test("onFailure shapes the failure with the raw form (values to show again)", async () => {
  const action = serverAction(
    {},
    async () => {
      throw new AppError("RATE_LIMITED", "Slow down.");
    },
    (failure, raw) => ({ ...failure, values: { email: String(raw.email) } }),
  );
  expect(await action(null, form([["email", "a@example.com"], ["password", "secret"]]))).toMatchObject({ ok: false, error: "Slow down.", values: { email: "a@example.com" } });
});

test("Next's redirect passes through instead of becoming a failure", async () => {
  const action = serverAction({}, async () => redirect("/moderation?done=promoted"));
  await expect(action(null, form([]))).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
});

test("called by hand with something that is not a form: a clear refusal, and the handler never runs", async () => {
  const handler = vi.fn(async () => ({ ok: true as const, data: undefined }));
  const action = serverAction({}, handler);
  for (const notAForm of [undefined, null, {}, [], "x", 1] as unknown as FormData[]) {
    expect(await action(null, notAForm)).toEqual({ ok: false, code: "INVALID", error: "The form could not be read. Reload the page and try again." });
  }
  expect(handler).not.toHaveBeenCalled();
});
