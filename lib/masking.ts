// Pure: masks payment card numbers (Luhn-valid runs of 13–19 digits) and e-mail addresses in free
// text before it is stored. Phone numbers and dates are left alone: they fail Luhn or the length.

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Digits with optional single spaces or hyphens between them, 13–19 digits in all.
const CARD_CANDIDATE = /(?<![\d])(?:\d[ -]?){12,18}\d(?![\d])/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export type Masked = { text: string; masked: boolean; cards: number; emails: number };

export function maskSensitive(input: string): Masked {
  let cards = 0;
  let emails = 0;
  let text = input.replace(CARD_CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, "");
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits) || /^(\d)\1+$/.test(digits)) return match;
    cards++;
    return `[card number removed •••• ${digits.slice(-4)}]`;
  });
  text = text.replace(EMAIL, () => {
    emails++;
    return "[e-mail removed]";
  });
  return { text, masked: cards + emails > 0, cards, emails };
}
