// Constants shared by the report form and lib/reports/schema.ts, apart from zod so the browser does
// not download it for a number.
export const REPORT_TEXT_LIMITS = { body: 2_000, callerIdName: 100, organisationName: 120, website: 200 } as const;
