// Pure: masks payment card numbers (Luhn-valid runs of 13–19 digits) and e-mail addresses in free
// text before it is stored. Phone numbers and dates are left alone: they fail Luhn or the length.

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Groups of digits joined by single spaces or hyphens, e.g. "4111 1111 1111 1111" or "4111-1111…".
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;

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
  let text = input.replace(DIGIT_RUN, (run) => {
    const masked = maskCardsInRun(run);
    cards += masked.cards;
    return masked.text;
  });
  text = text.replace(EMAIL, () => {
    emails++;
    return "[e-mail removed]";
  });
  return { text, masked: cards + emails > 0, cards, emails };
}

/**
 * Within one run of digit groups, masks each stretch of whole groups holding 13–19 digits that passes
 * Luhn (longest first), so "card 4111 1111 1111 1111 46" still loses the card and keeps the "46".
 */
function maskCardsInRun(run: string): { text: string; cards: number } {
  const parts = run.split(/([ -])/); // digits, separator, digits, …
  const groups = parts.filter((_, i) => i % 2 === 0);
  const out: string[] = [];
  let cards = 0;
  let i = 0;
  while (i < groups.length) {
    let matched = -1;
    for (let j = groups.length - 1; j >= i && matched < 0; j--) {
      const digits = groups.slice(i, j + 1).join("");
      if (looksLikeCard(digits)) matched = j;
    }
    if (matched >= 0) {
      const digits = groups.slice(i, matched + 1).join("");
      out.push(`[card number removed •••• ${digits.slice(-4)}]`);
      cards++;
      i = matched + 1;
    } else {
      out.push(groups[i]);
      i++;
    }
    if (i < groups.length) out.push(parts[2 * i - 1]);
  }
  return { text: out.join(""), cards };
}

// Card networks' prefixes start with 2–6 (Mastercard 2/5, Amex/Diners/JCB 3, Visa 4, Discover/UnionPay 6);
// Australian phone numbers start with 0 or 1, which keeps two numbers typed side by side unmasked.
function looksLikeCard(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && /^[2-6]/.test(digits) && luhnValid(digits) && !/^(\d)\1+$/.test(digits);
}
