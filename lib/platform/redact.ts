/** A message's text with every token-bearing link made unusable: `?token=…` becomes `?token=[redacted]`. */
export function redactLinks(text: string): string {
  return text.replace(/([?&](?:token|code)=)[^\s&#]+/gi, "$1[redacted]");
}
