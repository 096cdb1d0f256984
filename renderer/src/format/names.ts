/**
 * Names from sites (device, parent and site names) are untrusted text: a site may send a
 * right-to-left override that makes "gift‮gnp.exe" read as "giftexe.png", a name of spaces that
 * draws a blank row, or control characters. Every name the board shows goes through
 * `displayName` first; the markup then isolates it (`<bdi>`, see NameText) so even what is left
 * cannot reorder the text around it. The cleaning itself is shared with the notices
 * (shared/text/untrusted-text.ts).
 */

import { cleanText, isBlankText } from '../../../shared/text/untrusted-text.js';

export { REPLACEMENT } from '../../../shared/text/untrusted-text.js';

/** The words a flagged name carries, on screen and in its title. */
export const BIDI_FLAG = 'direction controls removed';
export const NO_NAME_FLAG = 'no name';

export interface DisplayName {
  /** What to show: never blank, never holding a direction control or a control character. */
  readonly text: string;
  /** The full text for `title` (hover) and screen readers: `text` plus what was done to it. */
  readonly title: string;
  /** The name was empty or blank: `text` is the id instead. */
  readonly fallback: boolean;
  /** The name held direction controls (removed from `text`). */
  readonly bidi: boolean;
  /** The name held other control characters (replaced in `text`). */
  readonly controls: boolean;
}

/**
 * A name as the board shows it. `id` stands in for a blank name (and is cleaned the same way:
 * ids come from sites too). Long names are left whole: the cell truncates them with an ellipsis
 * and `title` keeps the full text.
 */
export function displayName(raw: string | null | undefined, id: string): DisplayName {
  const name = cleanText(raw ?? '');
  const blank = isBlankText(name.text);
  const shown = blank ? cleanText(id) : name;
  const bidi = name.bidi || shown.bidi;
  const controls = name.controls || shown.controls;
  const notes = [
    ...(blank ? [`${NO_NAME_FLAG}, id shown`] : []),
    ...(bidi ? [BIDI_FLAG] : []),
    ...(controls ? ['control characters replaced'] : []),
  ];
  return {
    text: shown.text,
    title: notes.length === 0 ? shown.text : `${shown.text} (${notes.join('; ')})`,
    fallback: blank,
    bidi,
    controls,
  };
}
