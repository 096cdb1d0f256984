/**
 * Text from sites (names, alert titles) is untrusted: a right-to-left override makes
 * "gift‮gnp.exe" read as "giftexe.png", a newline adds a line of its own to a notification.
 * Whatever shows such text cleans it here first: the board (renderer/src/format/names.ts) and
 * the notices (shared/notify/notice-text.ts).
 */

/**
 * Bidirectional embedding, override and isolate controls and the implicit direction marks
 * (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI; LRM, RLM; ALM): removed.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;

/**
 * C0 and C1 controls and DEL (tabs and newlines included), and the line and paragraph
 * separators (drawn as line breaks by many notification centres): shown as U+FFFD.
 */
const OTHER_CONTROLS = /[\p{Cc}\u2028\u2029]/gu;

export const REPLACEMENT = '\uFFFD';

/**
 * What is there but draws nothing: a name made only of these is as blank as an empty one. White
 * space, every default-ignorable code point (soft hyphen, joiners, variation selectors, invisible
 * operators, tag characters…), the Hangul fillers, the braille blank, and U+FFFD (what the
 * controls became).
 */
const INVISIBLE = /^[\s\p{Default_Ignorable_Code_Point}\u115F\u1160\u3164\uFFA0\u2800\uFFFD]*$/u;

/** True when `text` (cleaned or not) would draw nothing: empty, spaces, invisible marks. */
export function isBlankText(text: string): boolean {
  return INVISIBLE.test(text.replace(BIDI_CONTROLS, ''));
}

/**
 * A site's name for a thing, or its id when the name would draw nothing: what the hub's own alert
 * titles ("PC-7 down", "EDR disabled on PC-7, PC-9") say, so a blank name never leaves a gap.
 */
export function nameOrId(name: string | null | undefined, id: string): string {
  return name == null || isBlankText(name) ? id : name;
}

export interface CleanText {
  readonly text: string;
  /** It held direction controls (removed). */
  readonly bidi: boolean;
  /** It held other control characters (replaced). */
  readonly controls: boolean;
}

export function cleanText(raw: string): CleanText {
  const withoutBidi = raw.replace(BIDI_CONTROLS, '');
  const text = withoutBidi.replace(OTHER_CONTROLS, REPLACEMENT);
  return { text, bidi: withoutBidi !== raw, controls: text !== withoutBidi };
}

/**
 * At most `max` UTF-16 units, with "…" when cut, never splitting a surrogate pair (half an emoji
 * would draw as a box).
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
