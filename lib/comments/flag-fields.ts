// What a flag says, for a comment's (lib/comments/schema.ts) and a report's (lib/moderation/schema.ts): one of
// the reasons, and an optional note. Client-safe: zod and the form constants only.
import { z } from "zod";
import { FLAG_REASONS, type FlagReasonKey } from "./limits";

export const flagFields = {
  reason: z.enum(Object.keys(FLAG_REASONS) as [FlagReasonKey, ...FlagReasonKey[]], { error: "Choose a reason." }),
  note: z.string().trim().max(500, "Keep the note to 500 characters or fewer.").optional(),
};
