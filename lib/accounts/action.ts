import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { parseOrThrow, toFailure, type ActionResult } from "../platform/errors";
import { formToObject } from "../platform/form-data";
import type { FormObject } from "../platform/form-fields";
import { clientAddress } from "../platform/rate-limit";
import { getActor, type Actor } from "./authz";

export type ActionContext = {
  /** The signed-in member, re-read from the database (null for a visitor); commands check roles. */
  actor: Actor | null;
  /** The client address rate limits count against. */
  address: string;
};

type Options<S extends z.ZodType | undefined> = {
  /** Parsed once here when the command does not parse its own input. */
  schema?: S;
  /** Fields that are lists (checkbox groups). */
  arrays?: readonly string[];
};

type Input<S> = S extends z.ZodType ? z.infer<S> : FormObject;

/**
 * The one way to write a server action: FormData → object (arrays included) → parsed once →
 * actor and address resolved → the handler (one lib command, then revalidation) → an ActionResult.
 * Expected failures become `{ ok: false, error, fieldErrors }`; Next's redirects and not-found
 * pass through (unstable_rethrow); anything else is logged and answered generically.
 */
export function serverAction<S extends z.ZodType | undefined = undefined, R extends ActionResult<unknown> = ActionResult>(
  options: Options<S>,
  handler: (input: Input<S>, context: ActionContext) => Promise<R>,
  onFailure?: (failure: Extract<ActionResult<never>, { ok: false }>, form: FormObject) => R,
) {
  return async (_previous: unknown, form: FormData): Promise<R> => {
    let raw: FormObject = {};
    // Called by hand with something that is not a form (a crafted action call): a clear refusal, not "something went wrong".
    if (!(form instanceof FormData)) {
      const failure = { ok: false as const, code: "INVALID" as const, error: "The form could not be read. Reload the page and try again." };
      return onFailure ? onFailure(failure, raw) : (failure as R);
    }
    try {
      raw = formToObject(form, options.arrays);
      const input = (options.schema ? parseOrThrow(options.schema, raw) : raw) as Input<S>;
      const [actor, address] = await Promise.all([getActor(), clientAddress()]);
      return await handler(input, { actor, address });
    } catch (error) {
      // Next's redirect(), notFound(), forbidden() and dynamic-rendering signals pass through.
      unstable_rethrow(error);
      const failure = toFailure(error);
      return onFailure ? onFailure(failure, raw) : (failure as R);
    }
  };
}
