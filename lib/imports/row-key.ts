// The unique key of an imported row (Report.importKey): its source and a hash of the line. Apart from
// csv-import.ts so the seed can use it without the import command.
import { createHash } from "node:crypto";

export const rowKey = (source: string, line: string) => `${source}:${createHash("sha256").update(line.trim(), "utf8").digest("hex")}`;

/** An FTC row's key, shared by the import command and the seed. */
export const ftcRowKey = (line: string) => rowKey("ftc", line);
