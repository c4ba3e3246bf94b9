import { createServer, type Socket } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";

// An SMTP server that accepts connections and never answers: the slowest a real one can be.
const sockets: Socket[] = [];
const silent = createServer((socket) => sockets.push(socket));

beforeAll(async () => {
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const { port } = silent.address() as { port: number };
  // lib/env reads the environment once, on first import: set it before the modules load.
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
});

afterAll(() => {
  for (const socket of sockets) socket.destroy();
  silent.close();
});

test("asking for a reset link takes no longer for an e-mail with an account, however slow SMTP is", async () => {
  const { signUp, requestPasswordReset } = await import("../accounts/sign-up");
  const { db } = await import("./db");
  const user = await signUp({ name: "Timing Test", email: "timing@example.com", password: "a long enough password" });
  const started = Date.now();
  await requestPasswordReset({ email: user.email });
  // nodemailer waits 30 s for a greeting: returning well inside that means delivery was not awaited
  // (the bound is loose on purpose, so a slow, busy machine does not fail it).
  expect(Date.now() - started).toBeLessThan(15_000);
  // The message is kept in the outbox all the same.
  expect(await db.outboxEmail.count({ where: { to: user.email, subject: { contains: "Reset" } } })).toBe(1);
});
