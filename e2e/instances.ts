import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { randomInt } from "node:crypto";
import { expect, type Browser } from "@playwright/test";
import { createUser, e2eDatabaseUrl, signInAs } from "./fixtures";

const root = path.resolve(import.meta.dirname, "..");

/** One more production instance of the app (scripts/server.mjs on the e2e build and database). */
export type Instance = {
  baseUrl: string;
  process: ChildProcess;
  /** Every JSON log line it has written so far. */
  logs: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
  /** Resolves when a log line matching `test` appears (or has appeared). */
  waitForLog(test: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  stop(): Promise<number | null>;
};

export async function startInstance(extraEnv: Record<string, string> = {}): Promise<Instance> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: e2eDatabaseUrl(),
    NEXT_DIST_DIR: process.env.E2E_DIST_DIR ?? ".next-e2e",
    AUTH_SECRET: process.env.E2E_AUTH_SECRET,
    PORT: "0",
    LISTEN_HOST: "127.0.0.1",
    LOG_LEVEL: "debug",
    ...extraEnv,
  };
  // As an operator would deploy it: trusting no proxy unless told to.
  if (!("TRUSTED_PROXIES" in extraEnv)) delete env.TRUSTED_PROXIES;
  delete env.AUTH_TRUST_HOST;
  const child = spawn(process.execPath, [path.join(root, "scripts/server.mjs")], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
  const logs: Array<Record<string, unknown>> = [];
  const waiters: Array<{ test: (line: Record<string, unknown>) => boolean; resolve: (line: Record<string, unknown>) => void }> = [];
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const text = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text);
      } catch {
        line = { msg: text, unstructured: true };
      }
      logs.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitForLog = (test: (line: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const found = logs.find(test);
      if (found) return resolve(found);
      waiters.push({ test, resolve });
      void exited.then((code) => reject(new Error(`the instance exited (code ${code}) before the expected log line; logs:\n${logs.map((l) => JSON.stringify(l)).join("\n")}`)));
    });
  const listening = await waitForLog((line) => typeof line.msg === "string" && line.msg.startsWith("listening on"));
  const instance: Instance = {
    baseUrl: `http://127.0.0.1:${listening.port}`,
    process: child,
    logs,
    exited,
    waitForLog,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
  return instance;
}

/** A loopback source address of its own (127.x.y.z), so a test's per-address limits are its own. */
export function ownLoopbackAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

export type RawResponse = { status: number; body: string; headers: http.IncomingHttpHeaders };

/**
 * One HTTP request on a new connection from a chosen local address, with headers exactly as given
 * (a browser or fetch would not let a test pick its source address).
 */
export function rawRequest(url: string, options: { method?: string; from?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? "GET", agent: false, localAddress: options.from, headers: { connection: "close", ...options.headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), headers: response.headers }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

export function rawGet(url: string, options: { from?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return rawRequest(url, options);
}

/** A TCP port free right now on 127.0.0.1 (for an instance that must know its own URL before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = http.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/** A new member posts `body` on the number's page through the real form on `baseUrl`, and sees it there. */
export async function postCommentThrough(browser: Browser, baseUrl: string, e164: string, body: string): Promise<void> {
  const context = await browser.newContext();
  await signInAs(context, await createUser());
  const page = await context.newPage();
  await page.goto(`${baseUrl}/numbers/${encodeURIComponent(e164)}`);
  const section = page.getByRole("region", { name: "Experiences" });
  await section.getByLabel("Comment", { exact: true }).fill(body);
  await section.getByRole("button", { name: "Post comment" }).click();
  await expect(section.getByText(body)).toBeVisible();
  await context.close();
}
