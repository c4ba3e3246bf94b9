import { decodeProtectedHeader } from "jose";
import { decode, encode } from "next-auth/jwt";
import { describe, expect, test, vi } from "vitest";
import { decodeSessionToken, encodeSessionToken, parseCookies, readSessionToken } from "./session-token";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const salt = "authjs.session-token";
const token = { sub: "u1", uid: "u1", role: "USER", name: "Ann", email: "ann@example.com", sv: 3 };

describe("session tokens with the derived key kept", () => {
  test("read what Auth.js wrote, and Auth.js reads what they write", async () => {
    const byAuthJs = await encode({ token, secret, salt });
    expect(await decodeSessionToken({ token: byAuthJs, secret, salt })).toMatchObject(token);
    const ours = await encodeSessionToken({ token, secret, salt });
    expect(await decode({ token: ours, secret, salt })).toMatchObject(token);
    // Same algorithms and key id in the header.
    expect(decodeProtectedHeader(ours)).toEqual(decodeProtectedHeader(byAuthJs));
  });

  test("refuse a token under another secret or salt, a tampered one and an expired one", async () => {
    const ours = await encodeSessionToken({ token, secret, salt });
    await expect(decodeSessionToken({ token: ours, secret: `${secret}-other`, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token: ours, secret, salt: "__Secure-authjs.session-token" })).rejects.toThrow();
    const parts = ours.split(".");
    parts[3] = parts[3].slice(0, -2) + (parts[3].endsWith("AA") ? "BB" : "AA");
    await expect(decodeSessionToken({ token: parts.join("."), secret, salt })).rejects.toThrow();
    const expired = await encodeSessionToken({ token, secret, salt, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret, salt })).rejects.toThrow(/exp/);
    expect(await decodeSessionToken({ token: "", secret, salt })).toBeNull();
  });

  test("a rotated secret list reads tokens made under either secret", async () => {
    const old = await encode({ token, secret, salt });
    const rotated = [`${secret}-new`, secret];
    expect(await decodeSessionToken({ token: old, secret: rotated, salt })).toMatchObject(token);
    const fresh = await encodeSessionToken({ token, secret: rotated, salt });
    expect(await decode({ token: fresh, secret: `${secret}-new`, salt })).toMatchObject(token);
  });

  test("readSessionToken answers the session's user and version, and nothing for a bad or expired token", async () => {
    const byAuthJs = await encode({ token, secret, salt });
    expect(await readSessionToken(byAuthJs, salt, [secret])).toEqual({ userId: "u1", sessionVersion: 3 });
    // Read again (from memory): the same answer.
    expect(await readSessionToken(byAuthJs, salt, [secret])).toEqual({ userId: "u1", sessionVersion: 3 });
    // Another secret or salt, a tampered token, an expired one, one that names nobody: no session.
    expect(await readSessionToken(byAuthJs, salt, [`${secret}-other`])).toBeNull();
    expect(await readSessionToken(byAuthJs, "__Secure-authjs.session-token", [secret])).toBeNull();
    const parts = byAuthJs.split(".");
    parts[3] = parts[3].slice(0, -2) + (parts[3].endsWith("AA") ? "BB" : "AA");
    expect(await readSessionToken(parts.join("."), salt, [secret])).toBeNull();
    expect(await readSessionToken(await encode({ token, secret, salt, maxAge: -60 }), salt, [secret])).toBeNull();
    expect(await readSessionToken(await encode({ token: { name: "nobody" }, secret, salt }), salt, [secret])).toBeNull();
    // No version in the token: -1, which matches no user's version.
    const unversioned = await encode({ token: { sub: "u2" }, secret, salt });
    expect(await readSessionToken(unversioned, salt, [secret])).toEqual({ userId: "u2", sessionVersion: -1 });
  });

  test("a token read by one copy of this module is known to another (route handlers and pages are bundled apart)", async () => {
    const byAuthJs = await encode({ token: { ...token, uid: "u-shared" }, secret, salt });
    expect(await readSessionToken(byAuthJs, salt, [secret])).toEqual({ userId: "u-shared", sessionVersion: 3 });
    // A second copy of the module whose decryption always fails: it can only answer from what the first kept.
    vi.resetModules();
    vi.doMock("jose", async (original) => ({ ...(await original<typeof import("jose")>()), jwtDecrypt: async () => Promise.reject(new Error("not decrypted here")) }));
    try {
      const other = await import("./session-token");
      expect(other.readSessionToken).not.toBe(readSessionToken);
      expect(await other.readSessionToken(byAuthJs, salt, [secret])).toEqual({ userId: "u-shared", sessionVersion: 3 });
      expect(await other.readSessionToken(await encode({ token, secret, salt }), salt, [secret])).toBeNull();
    } finally {
      vi.doUnmock("jose");
      vi.resetModules();
    }
  });

  test("readSessionToken refuses an over-long token and reads nothing without a secret", async () => {
    const byAuthJs = await encode({ token, secret, salt });
    expect(await readSessionToken(byAuthJs + "A".repeat(20_000), salt, [secret])).toBeNull();
    expect(await readSessionToken(byAuthJs, salt, [])).toBeNull();
    expect(await readSessionToken("", salt, [secret])).toBeNull();
  });

  test("parseCookies: the first of two cookies with one name wins, values are percent-decoded", () => {
    const cookies = parseCookies('a=1; authjs.session-token=first; b="quoted"; authjs.session-token=second; c=x%3Dy; bad=%E0%A4%A; =nameless; flag');
    expect(cookies.get("authjs.session-token")).toBe("first");
    expect(cookies.get("b")).toBe("quoted");
    expect(cookies.get("c")).toBe("x=y");
    expect(cookies.get("bad")).toBe("%E0%A4%A");
    expect(cookies.has("flag")).toBe(false);
    expect(cookies.size).toBe(5);
  });
});
