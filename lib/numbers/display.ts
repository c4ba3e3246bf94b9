// Numbers as this site's readers see them: national for the default region, international otherwise.
import { env } from "../platform/env";
import { displayNumber } from "./phone";

export const readableNumber = (e164: string) => displayNumber(e164, env.DEFAULT_REGION);
