// Client-safe: a form's fields as a plain object, the one way actions read FormData.
import { AppError } from "./errors";

export type FormObject = Record<string, string | string[] | undefined>;

/**
 * Every field as a string, or an array of strings when the field repeats or is named in `arrays`
 * (checkbox groups; an unticked group is []). Next's own `$ACTION_…` fields are left out. A file
 * where text is expected is refused with a clear message (it used to turn into "[object File]").
 */
export function formToObject(form: FormData, arrays: readonly string[] = []): FormObject {
  const out: FormObject = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key);
    const texts = values.filter((value): value is string => typeof value === "string");
    if (texts.length !== values.length) throw new AppError("INVALID", "Files cannot be sent with this form.", { [key]: ["Files cannot be sent with this form."] });
    out[key] = arrays.includes(key) || texts.length > 1 ? texts : texts[0];
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}

/** A field that must be one string (a repeated field counts as missing, so schemas report it). */
export const single = (value: string | string[] | undefined): string | undefined => (typeof value === "string" ? value : undefined);

/** As `single`, with a missing field read as "" (so the schema's "enter …" message answers it). */
export const text = (value: string | string[] | undefined): string => single(value) ?? "";

/** As `single`, with "" read as missing (optional ids and choices). */
export const present = (value: string | string[] | undefined): string | undefined => single(value) || undefined;

/**
 * A form sent as JSON (lib/platform/send-json.ts) read as formToObject reads FormData: strings, and
 * lists of strings for the fields in `arrays` (one string there is a list of one; a missing list is []).
 * Anything else (numbers, objects, nested lists) is not a form and is refused with one message.
 */
export function formObjectFromJson(input: Record<string, unknown>, arrays: readonly string[] = []): FormObject {
  const out: FormObject = {};
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === "string") out[key] = arrays.includes(key) ? [value] : value;
    else if (Array.isArray(value) && value.every((item) => typeof item === "string")) out[key] = value;
    else if (value !== null && value !== undefined) throw new AppError("INVALID", "The form could not be read. Reload the page and try again.", { [key]: ["This field must be text."] });
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}
