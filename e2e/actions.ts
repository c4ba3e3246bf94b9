import fs from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { uniqueSuffix, type TestUser } from "./fixtures";

// Server actions called the way a browser's form calls them, for specs that talk HTTP to an instance
// directly (its own address, its own headers) instead of through Chromium.

const root = path.resolve(import.meta.dirname, "..");

/** The report form's server action id, from the build's manifest (what the browser's form posts). */
export function reportActionId(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, process.env.E2E_DIST_DIR ?? ".next-e2e", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === "app/report/actions.ts" && entry.exportedName === "createReportAction");
  if (!found) throw new Error("createReportAction is not in the build");
  return found[0];
}

/** A server-action call as React's client encodes a form: arguments [previousState, formData]. */
export function actionBody(fields: Record<string, string>) {
  const boundary = `----form${uniqueSuffix()}`;
  const parts = Object.entries(fields).map(([key, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="_1_${key}"\r\n\r\n${value}\r\n`);
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n[null,"$K1"]\r\n`);
  return { body: `${parts.join("")}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The session cookie Auth.js would set for the user (as e2e/fixtures.ts signInAs mints it). */
export async function sessionCookie(user: Pick<TestUser, "id" | "name" | "email" | "role">, sv = 0): Promise<string> {
  const cookieName = "authjs.session-token";
  const token = await encode({ token: { sub: user.id, uid: user.id, role: user.role, name: user.name, email: user.email, sv }, secret: process.env.E2E_AUTH_SECRET!, salt: cookieName });
  return `${cookieName}=${token}`;
}
