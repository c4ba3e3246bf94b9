// The unique key of an imported FTC row (Report.importKey), shared by the import command and the seed.
import { createHash } from "node:crypto";

export const ftcRowKey = (line: string) => `ftc:${createHash("sha256").update(line.trim(), "utf8").digest("hex")}`;
