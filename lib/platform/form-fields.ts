// A form's fields as a plain object: the one way FormData is read, on the server (form-data.ts, for actions)
// and in the browser (forms that send JSON). Import-free, so a client component that reads its form does not
// download zod or the logger with it.

export type FormObject = Record<string, string | string[] | undefined>;

/**
 * Every text field as a string, or an array of strings when the field repeats or is named in `arrays`
 * (checkbox groups; an unticked group is []). Next's own `$ACTION_…` fields are left out; so are files, whose
 * field names come back in `files` for the caller to refuse.
 */
export function formFields(form: FormData, arrays: readonly string[] = []): { fields: FormObject; files: string[] } {
  const fields: FormObject = {};
  const files: string[] = [];
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key);
    const texts = values.filter((value): value is string => typeof value === "string");
    if (texts.length !== values.length) files.push(key);
    fields[key] = arrays.includes(key) || texts.length > 1 ? texts : texts[0];
  }
  for (const key of arrays) fields[key] ??= [];
  return { fields, files };
}

/** A field that must be one string (a repeated field counts as missing, so schemas report it). */
export const single = (value: string | string[] | undefined): string | undefined => (typeof value === "string" ? value : undefined);

/** As `single`, with a missing field read as "" (so the schema's "enter …" message answers it). */
export const text = (value: string | string[] | undefined): string => single(value) ?? "";

/** As `single`, with "" read as missing (optional ids and choices). */
export const present = (value: string | string[] | undefined): string | undefined => single(value) || undefined;
