import { expect, test } from "vitest";
import { AppError } from "./errors";
import { formToObject } from "./form-data";
import { present, single, text } from "./form-fields";

test("fields become strings, repeated fields and declared groups arrays", () => {
  const form = new FormData();
  form.append("number", "0412 345 678");
  form.append("askedFor", "SECURITY_ANSWERS");
  form.append("askedFor", "ONE_TIME_CODE");
  form.append("tag", "one");
  form.append("$ACTION_ID_abc", "");
  expect(formToObject(form, ["askedFor", "channels"])).toEqual({
    number: "0412 345 678",
    askedFor: ["SECURITY_ANSWERS", "ONE_TIME_CODE"],
    tag: "one",
    channels: [],
  });
});

test("a declared group with one value is still an array; a repeated scalar becomes an array a schema will refuse", () => {
  const form = new FormData();
  form.append("askedFor", "NOTHING");
  form.append("e164", "+61412345678");
  form.append("e164", "+61412345679");
  const object = formToObject(form, ["askedFor"]);
  expect(object.askedFor).toEqual(["NOTHING"]);
  expect(single(object.e164)).toBeUndefined();
});

test("a file is refused with a clear message, not turned into '[object File]'", () => {
  const form = new FormData();
  form.append("body", new Blob(["hello"]), "note.txt");
  expect(() => formToObject(form)).toThrow(AppError);
  expect(() => formToObject(form)).toThrow("Files cannot be sent with this form.");
});

test("present reads blank as missing", () => {
  expect(present("")).toBeUndefined();
  expect(present("x")).toBe("x");
  expect(single("")).toBe("");
});

test("text reads a missing or repeated field as empty, so the schema's own message answers it", () => {
  expect(text("0412")).toBe("0412");
  expect(text(undefined)).toBe("");
  expect(text(["a", "b"])).toBe("");
});
