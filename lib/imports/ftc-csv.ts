// Pure: reading the FTC's Do Not Call complaints CSV, shared by the importer (lib/imports/ftc.ts) and
// the seed (prisma/seed-ftc.ts).
import type { ReportCategory } from "../generated/prisma/enums";

// FTC Do Not Call subjects → our categories. Unlisted subjects are OTHER (ROBOCALL when recorded).
const SUBJECTS: Record<string, ReportCategory> = {
  "Calls pretending to be government, businesses, or family and friends": "IMPERSONATION",
  "Dropped call or no message": "SILENT",
  "Warranties  & protection plans": "TELEMARKETING",
  "Reducing your debt (credit cards, mortgage, student loans)": "TELEMARKETING",
  "Medical  & prescriptions": "TELEMARKETING",
  "Energy, solar,  & utilities": "TELEMARKETING",
  "Computer  & technical support": "SCAM",
  "Vacation  & timeshares": "TELEMARKETING",
  Charities: "CHARITY",
  "Lotteries, prizes  & sweepstakes": "SCAM",
  "Home improvement  & cleaning": "TELEMARKETING",
  "Work from home  & other ways to make money": "SCAM",
  "Home security  & alarms": "TELEMARKETING",
};

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks (the FTC files, the seed CSVs). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

export function ftcCategory(subject: string, recorded: string): ReportCategory {
  return SUBJECTS[subject] ?? (recorded === "Y" ? "ROBOCALL" : "OTHER");
}
