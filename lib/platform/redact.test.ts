import { expect, test } from "vitest";
import { redactLinks } from "./redact";

test("token-bearing links are redacted, other text is kept", () => {
  expect(redactLinks("Open https://x.test/reset-password?token=abc_DEF-123 now")).toBe("Open https://x.test/reset-password?token=[redacted] now");
  expect(redactLinks("a https://x.test/c?a=1&token=zzz&b=2 b")).toBe("a https://x.test/c?a=1&token=[redacted]&b=2 b");
  expect(redactLinks("no links here")).toBe("no links here");
});
