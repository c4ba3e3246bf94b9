import type { MemberNumberParts } from "@/lib/numbers/member-parts";
import type { MemberOrganisationParts } from "@/lib/organisations/member-parts";

/** Who is signed in, as the pages need it. */
export type MemberViewer = { name: string; staff: boolean; suspended: boolean };

/** GET /api/me's answer: the viewer, and their parts of the number's or organisation's page asked about. */
export type MemberView = { viewer: MemberViewer; number?: MemberNumberParts; organisation?: MemberOrganisationParts };
