// For tests: a report form as the browser sends it (member or visitor), with a fresh idempotency key.
import { randomBytes } from "node:crypto";

export const reportFormInput = (over: Record<string, unknown> = {}) => ({
  number: "0412 345 678",
  occurredAt: "",
  channel: "CALL",
  category: "SCAM",
  askedFor: [],
  idempotencyKey: randomBytes(8).toString("hex"),
  ...over,
});
