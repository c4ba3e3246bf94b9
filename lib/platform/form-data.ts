// What server actions and route handlers read a form with: FormData (formToObject) or the JSON a form sent.
import { AppError } from "./errors";
import { formFields, type FormObject } from "./form-fields";

/**
 * A form's fields (form-fields.ts), for a server action. A file where text is expected is refused with a clear
 * message (it used to turn into "[object File]").
 */
export function formToObject(form: FormData, arrays: readonly string[] = []): FormObject {
  const { fields, files } = formFields(form, arrays);
  if (files.length) throw new AppError("INVALID", "Files cannot be sent with this form.", { [files[0]]: ["Files cannot be sent with this form."] });
  return fields;
}

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
