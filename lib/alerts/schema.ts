// Client-safe: the account page's alert forms.
import { z } from "zod";

export const alertModeSchema = z.enum(["INSTANT", "DAILY", "OFF"], { error: "Choose At once, Daily digest or No e-mail." });

export const watchAlertModeSchema = z.object({
  watchKey: z.string({ error: "Choose a watch." }).regex(/^(n:\+[1-9]\d{5,14}|o:[a-z0-9]{8,40})$/, "We could not find that watch."),
  mode: alertModeSchema,
});

export const pauseAlertsSchema = z.object({ paused: z.enum(["1", "0"], { error: "Choose whether to pause e-mail." }) });
