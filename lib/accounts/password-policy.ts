import passwordList from "@zxcvbn-ts/language-common/dist/passwords.json.mjs";

// Common and breached passwords, offline: the ~49,000 most common passwords from breach corpora as
// shipped by @zxcvbn-ts/language-common (MIT), plus passwords made of one repeated character or
// pattern, or a run of consecutive keys/digits — all guessed in the first seconds of an attack.
const common = new Set<string>(passwordList.map((word) => word.toLowerCase()));

const SEQUENCES = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv"];

function isRepeatedPattern(password: string): boolean {
  return /^(.{1,4})\1+.{0,3}$/u.test(password);
}

function isSequence(password: string): boolean {
  const lower = password.toLowerCase();
  return SEQUENCES.some((run) => run.includes(lower) || [...run].reverse().join("").includes(lower));
}

/** Why a new password is refused, or null when it may be used. Length limits live in the schema. */
export function weakPasswordReason(password: string, context: string[] = []): string | null {
  const lower = password.toLowerCase();
  const withoutDigits = lower.replace(/\d{1,4}$/, "");
  if (common.has(lower) || (withoutDigits !== lower && withoutDigits.length >= 4 && common.has(withoutDigits)))
    return "This password is on a list of common or breached passwords. Choose another, such as three or four unrelated words.";
  if (isRepeatedPattern(password) || isSequence(password))
    return "This password is a repeated or consecutive pattern that is guessed at once. Choose another, such as three or four unrelated words.";
  for (const value of context.map((item) => item.trim().toLowerCase()).filter((item) => item.length >= 4)) {
    if (lower.includes(value)) return "Your password must not contain your name or e-mail address.";
  }
  return null;
}
