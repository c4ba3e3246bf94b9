import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

// The image runs scripts/server.mjs beside Next's standalone output and copies its modules by hand: a
// module it imports but the image lacks would stop the container at start, which no other test sees
// (there is no Docker daemon here to build the image).
const root = path.resolve(import.meta.dirname, "../..");

test("the image copies every module scripts/server.mjs imports from scripts/server/", () => {
  const server = fs.readFileSync(path.join(root, "scripts/server.mjs"), "utf8");
  const imported = [...server.matchAll(/from "\.\/server\/([\w-]+\.mjs)"/g)].map((match) => match[1]);
  expect(imported.length).toBeGreaterThan(0);
  const dockerfile = fs.readFileSync(path.join(root, "Dockerfile"), "utf8");
  const copies = dockerfile.split("\n").filter((line) => /^COPY\b.*scripts\/server\//.test(line) && /\.\/server\/\s*$/.test(line));
  const copied = (file: string) => copies.some((line) => line.includes(`/app/scripts/server/${file}`) || line.includes("/app/scripts/server/*.mjs"));
  for (const file of imported) {
    expect(copied(file), file).toBe(true);
    expect(fs.existsSync(path.join(root, "scripts/server", file)), file).toBe(true);
  }
});
