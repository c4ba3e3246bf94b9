// Client-safe: the "create an API key" form.
import { z } from "zod";

export const createApiKeySchema = z.object({
  name: z.preprocess(
    (value) => (typeof value === "string" ? value.replace(/[\u0000-\u001f\u007f]/g, "") : ""),
    z.string().trim().min(1, "Give the key a name, such as the app that will use it.").max(60, "Keep the name under 60 characters."),
  ),
  organisationId: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.string().regex(/^[a-z0-9]{8,40}$/i, "Choose one of your organisations.").optional()),
});

export const revokeApiKeySchema = z.object({ id: z.string().regex(/^[a-z0-9]{8,40}$/i, "That key does not exist.") });
