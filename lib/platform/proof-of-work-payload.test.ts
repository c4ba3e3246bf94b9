import { expect, test } from "vitest";
import { parseProofOfWorkPayload } from "./proof-of-work-payload";

const challenge = {
  parameters: { algorithm: "PBKDF2/SHA-256", nonce: "ab12", salt: "cd34", cost: 2000, keyLength: 32, keyPrefix: "0f", keySignature: "ee", expiresAt: 1_900_000_000 },
  signature: "ff00",
};
const solution = { counter: 1234, derivedKey: "0fa1b2", time: 812.5 };
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

test("reads the widget's field: base64 of JSON { challenge, solution }", () => {
  expect(parseProofOfWorkPayload(encode({ challenge, solution }))).toEqual({ challenge, solution });
});

test("anything else is null, never an exception", () => {
  for (const field of [undefined, null, 42, "", "not base64 json", encode("a string"), encode({ challenge }), encode({ challenge: null, solution: null, test: true })]) {
    expect(parseProofOfWorkPayload(field)).toBeNull();
  }
  expect(parseProofOfWorkPayload(encode({ challenge, solution: { ...solution, counter: -1 } }))).toBeNull();
  expect(parseProofOfWorkPayload(encode({ challenge, solution: { ...solution, derivedKey: "not hex" } }))).toBeNull();
  expect(parseProofOfWorkPayload(encode({ challenge: { ...challenge, parameters: { ...challenge.parameters, cost: "2000" } }, solution }))).toBeNull();
  expect(parseProofOfWorkPayload("A".repeat(9_000))).toBeNull();
});
