/** Escaping text for XML 1.0, so any string (control characters, lone surrogates…) gives a well-formed document. */

/** Characters XML 1.0 does not allow at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Stands in for a character XML cannot hold. */
const REPLACEMENT = '\uFFFD';

/** Text content: `&`, `<`, `>` escaped (so `]]>` cannot appear), disallowed characters replaced. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, REPLACEMENT).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An attribute value (to be put in double quotes): as text, plus quotes, and tab, newline and
 * carriage return as character references so attribute normalisation keeps them.
 */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
