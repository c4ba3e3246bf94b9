import { describe, expect, test } from "vitest";
import { CLIENT_ADDRESS_HEADER as appHeader, addressFrom } from "@/lib/platform/rate-limit";
import { CLIENT_ADDRESS_HEADER, clientAddressFrom, normaliseAddress, parseTrustedProxies } from "./client-address.mjs";

const none = parseTrustedProxies(undefined);
const loopback = parseTrustedProxies("127.0.0.1, ::1");
const lb = parseTrustedProxies("10.0.0.0/8,2001:db8:1::/48");

describe("clientAddressFrom", () => {
  test("with no trusted proxies the socket address wins over any X-Forwarded-For", () => {
    for (const forged of ["203.0.113.9", "203.0.113.9, 198.51.100.1", "victim", undefined, ["1.1.1.1", "2.2.2.2"]]) {
      expect(clientAddressFrom({ socketAddress: "192.0.2.44", forwardedFor: forged, trusted: none })).toBe("192.0.2.44");
    }
  });

  test("a trusted proxy's hop is believed, and only the hop it added", () => {
    // The client wrote "6.6.6.6" itself; the load balancer (10.0.0.5) appended the address it saw.
    expect(clientAddressFrom({ socketAddress: "10.0.0.5", forwardedFor: "6.6.6.6, 198.51.100.7", trusted: lb })).toBe("198.51.100.7");
    // Two trusted proxies in a row: walk past both.
    expect(clientAddressFrom({ socketAddress: "10.0.0.5", forwardedFor: "6.6.6.6, 198.51.100.7, 10.2.3.4", trusted: lb })).toBe("198.51.100.7");
    // Multiple header lines are one list.
    expect(clientAddressFrom({ socketAddress: "10.0.0.5", forwardedFor: ["6.6.6.6", "198.51.100.8"], trusted: lb })).toBe("198.51.100.8");
  });

  test("an untrusted socket's X-Forwarded-For is ignored even when proxies are configured", () => {
    expect(clientAddressFrom({ socketAddress: "198.51.100.7", forwardedFor: "10.0.0.1", trusted: lb })).toBe("198.51.100.7");
  });

  test("a trusted proxy with no or malformed hops stays the address (never garbage as a key)", () => {
    expect(clientAddressFrom({ socketAddress: "10.0.0.5", forwardedFor: undefined, trusted: lb })).toBe("10.0.0.5");
    expect(clientAddressFrom({ socketAddress: "10.0.0.5", forwardedFor: "e2e-client-abc", trusted: lb })).toBe("10.0.0.5");
  });

  test("IPv4-mapped IPv6 sockets and IPv6 hops", () => {
    expect(clientAddressFrom({ socketAddress: "::ffff:127.0.0.1", forwardedFor: "2001:DB8::7", trusted: loopback })).toBe("2001:db8::7");
    expect(clientAddressFrom({ socketAddress: "::1", forwardedFor: "[2001:db8::8]:4431", trusted: loopback })).toBe("2001:db8::8");
    expect(clientAddressFrom({ socketAddress: "2001:db8:1:2::9", forwardedFor: "192.0.2.1:5555", trusted: lb })).toBe("192.0.2.1");
  });

  test("no socket address at all", () => {
    expect(clientAddressFrom({ socketAddress: undefined, forwardedFor: "203.0.113.9", trusted: loopback })).toBe("unknown");
  });
});

describe("parseTrustedProxies", () => {
  test("matches ranges and single addresses", () => {
    expect(lb.has("10.255.0.1")).toBe(true);
    expect(lb.has("11.0.0.1")).toBe(false);
    expect(lb.has("2001:db8:1:ffff::1")).toBe(true);
    expect(loopback.has("127.0.0.1")).toBe(true);
    expect(loopback.has("127.0.0.2")).toBe(false);
    expect(none.has("127.0.0.1")).toBe(false);
  });

  test("a typo stops the server with the entry named", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/"10.0.0.0\/33"/);
    expect(() => parseTrustedProxies("loadbalancer")).toThrow(/not an IP address/);
    expect(() => parseTrustedProxies("10.0.0.1/8/9")).toThrow();
  });
});

test("normaliseAddress", () => {
  expect(normaliseAddress("::FFFF:10.1.2.3")).toBe("10.1.2.3");
  expect(normaliseAddress("not-an-ip")).toBeNull();
  expect(normaliseAddress(undefined)).toBeNull();
});

test("the app reads the header the server writes, and nothing else", () => {
  expect(appHeader).toBe(CLIENT_ADDRESS_HEADER);
  expect(addressFrom(new Headers({ [CLIENT_ADDRESS_HEADER]: "192.0.2.5", "x-forwarded-for": "203.0.113.1" }))).toBe("192.0.2.5");
  expect(addressFrom(new Headers({ "x-forwarded-for": "203.0.113.1", "x-real-ip": "203.0.113.2" }))).toBe("unknown");
});
