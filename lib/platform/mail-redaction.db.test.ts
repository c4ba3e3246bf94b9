import { afterAll, beforeAll, expect, test, vi } from "vitest";

// Production without development pages: what a database reader or the log would see.
beforeAll(() => {
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("ENABLE_DEV_PAGES", "");
  vi.stubEnv("SMTP_URL", "");
});
afterAll(() => vi.unstubAllEnvs());

test("in production the outbox keeps reset and confirmation mail without a usable link, and the log has no body", async () => {
  const logged: string[] = [];
  // What the app logs goes through pino (lib/platform/log.ts): capture its info and error lines.
  const { log } = await import("./log");
  const capture = (...args: unknown[]) => void logged.push(args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
  const spy = vi.spyOn(log, "info").mockImplementation(capture as never);
  const errors = vi.spyOn(log, "error").mockImplementation(capture as never);
  const { signUp, requestPasswordReset } = await import("../accounts/sign-up");
  const { db } = await import("./db");
  await signUp({ name: "Redacted", email: "redacted@example.com", password: "a long enough password" });
  await requestPasswordReset({ email: "redacted@example.com" });
  spy.mockRestore();
  errors.mockRestore();
  const mails = await db.outboxEmail.findMany({ where: { to: "redacted@example.com" }, select: { subject: true, text: true } });
  expect(mails).toHaveLength(2);
  for (const mail of mails) {
    expect(mail.text).toContain("token=[redacted]");
    expect(mail.text).not.toMatch(/token=(?!\[redacted\])/);
  }
  expect(logged.join("\n")).not.toMatch(/token=|Choose a new password|Confirm your e-mail address by/);
  expect(logged.join("\n")).toContain("kept in the outbox");
});
