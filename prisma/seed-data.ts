import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

export const readData = (name: string) => readFileSync(path.join(here, "data", name), "utf8");
