import { expect, test } from "vitest";
import { buildAlertEmail, textToHtml } from "./email";
import { describeEvent } from "./kinds";

const event = (kind: string, data: Record<string, unknown>, e164: string | null = null) => ({ kind, e164, organisationId: null, data, createdAt: new Date("2030-01-01T00:00:00Z") });

const base = {
  appUrl: "https://callercheck.example",
  to: "member@example.com",
  name: "Sam",
  unsubscribePostUrl: "https://callercheck.example/api/alerts/unsubscribe?token=abc.def",
  unsubscribePageUrl: "https://callercheck.example/alerts/unsubscribe?token=abc.def",
};

test("an alert e-mail: subject starts with CallerCheck:, plain text, one-click unsubscribe headers", () => {
  const mail = buildAlertEmail({
    ...base,
    digest: false,
    watchLabel: "Harbour Health Insurance",
    events: [event("IMPERSONATION", { e164: "+61491570159", category: "IMPERSONATION", organisationName: "Harbour Health Insurance", organisationSlug: "harbour-health-insurance" })],
  });
  expect(mail.subject).toBe("CallerCheck: new alert for Harbour Health Insurance");
  expect(mail.text).toContain("Possible impersonation of Harbour Health Insurance: +61 491 570 159 was reported");
  expect(mail.text).toContain("https://callercheck.example/numbers/%2B61491570159");
  expect(mail.text).toContain(base.unsubscribePageUrl);
  expect(mail.headers).toEqual({ "List-Unsubscribe": `<${base.unsubscribePostUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
});

test("names from members (a proposed organisation) are escaped in the HTML part and cannot break the subject", () => {
  const name = `<img src=x onerror=alert(1)>\r\nBcc: victim@example.com`;
  const mail = buildAlertEmail({ ...base, digest: false, watchLabel: name, events: [event("NEW_REPORT", { category: "SCAM", organisationName: name }, "+61412345678")] });
  expect(mail.subject).not.toMatch(/[\r\n]/);
  expect(mail.subject.startsWith("CallerCheck: ")).toBe(true);
  expect(mail.html).not.toContain("<img");
  expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
});

test("the HTML part links only the app's own URLs", () => {
  const html = textToHtml("see https://callercheck.example/numbers/%2B61412345678 and https://evil.example/x", "https://callercheck.example");
  expect(html).toContain('<a href="https://callercheck.example/numbers/%2B61412345678">');
  expect(html).not.toContain('href="https://evil.example');
});

test("a digest counts its updates", () => {
  const mail = buildAlertEmail({ ...base, digest: true, watchLabel: "ignored", events: [event("NEW_REPORT", { category: "SCAM" }, "+61412345678"), event("POLICY_CHANGED", { organisationName: "Bank", fields: ["policyNeverAsks"] })] });
  expect(mail.subject).toBe("CallerCheck: your daily digest (2 updates)");
  expect(mail.text).toContain("Bank changed its calling policy: what it never asks for.");
});

test("every event kind has its own sentence", () => {
  const kinds = ["NEW_REPORT", "VERDICT_CHANGED", "REGISTRY_ADDED", "REGISTRY_REMOVED", "IMPERSONATION", "NUMBER_VERIFIED", "NUMBER_PUBLISHED", "CONTACT_CHANGED", "POLICY_CHANGED"];
  const sentences = kinds.map((kind) => describeEvent(event(kind, { e164: "+61412345678", organisationName: "Org", from: "a", to: "b" }, "+61412345678")));
  expect(new Set(sentences).size).toBe(kinds.length);
  expect(describeEvent(event("SOMETHING_ELSE", {}))).toBe("Something changed on a number or organisation you watch.");
});
