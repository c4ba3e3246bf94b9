// Which address a request comes from, for rate limits and logs. Pure: no I/O, unit-tested beside it.
//
// X-Forwarded-For is a list anyone can start: a client can send "X-Forwarded-For: 1.2.3.4" and every
// proxy appends the address it saw. Only hops appended by proxies the operator declares in
// TRUSTED_PROXIES (CIDR list) can be believed, so the walk starts at the socket and moves left only
// while the current hop is a trusted proxy. With no trusted proxies the socket address is the answer.
import net from "node:net";

/** The private header the server writes (after deleting any incoming copy) and the app reads. */
export const CLIENT_ADDRESS_HEADER = "x-callercheck-client-address";

/** "::ffff:127.0.0.1" → "127.0.0.1"; anything that is not an IP address → null. */
export function normaliseAddress(value) {
  if (typeof value !== "string") return null;
  let text = value.trim();
  // "[2001:db8::1]:443" and "203.0.113.7:8080" (some proxies add ports).
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(text);
  if (mapped) text = mapped[1];
  const family = net.isIP(text);
  if (family === 0) return null;
  return family === 6 ? text.toLowerCase() : text;
}

/**
 * Parses TRUSTED_PROXIES: a comma list of CIDR ranges or single addresses ("10.0.0.0/8, ::1").
 * Throws with the offending entry, so a typo stops the server instead of silently trusting nobody.
 */
export function parseTrustedProxies(value) {
  const list = new net.BlockList();
  const entries = (value ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, prefixText, extra] = entry.split("/");
    const normalised = normaliseAddress(address);
    const family = normalised ? net.isIP(normalised) : 0;
    const max = family === 6 ? 128 : 32;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!normalised || extra !== undefined || !/^\d{1,3}$/.test(String(prefix)) || prefix > max) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, 127.0.0.1, ::1/128)`);
    }
    list.addSubnet(normalised, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return { size: entries.length, has: (address) => entries.length > 0 && list.check(address, net.isIP(address) === 6 ? "ipv6" : "ipv4") };
}

/**
 * The client's address: the socket's, or, while that hop is a trusted proxy, the hop it reported
 * before it (X-Forwarded-For read right to left). A malformed hop reported by a trusted proxy stops
 * the walk at that proxy, so garbage never becomes a rate-limit key of its own.
 * @param {{ socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: { has(address: string): boolean } }} input
 */
export function clientAddressFrom({ socketAddress, forwardedFor, trusted }) {
  let address = normaliseAddress(socketAddress) ?? "unknown";
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor ?? "";
  const hops = header.split(",").map((hop) => hop.trim()).filter(Boolean);
  while (hops.length > 0 && address !== "unknown" && trusted.has(address)) {
    const previous = normaliseAddress(hops.pop());
    if (!previous) break;
    address = previous;
  }
  return address;
}
