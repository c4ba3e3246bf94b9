import { expect, test } from "vitest";
import { appUrlFrom } from "./env";

test("APP_URL follows PORT when it is not set, so links point where the app really runs", () => {
  expect(appUrlFrom({})).toBe("http://localhost:3000");
  expect(appUrlFrom({ PORT: "3303" })).toBe("http://localhost:3303");
  expect(appUrlFrom({ APP_URL: "https://callercheck.example", PORT: "3303" })).toBe("https://callercheck.example");
  expect(appUrlFrom({ APP_URL: "https://callercheck.example/" })).toBe("https://callercheck.example");
});
