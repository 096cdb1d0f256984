import { describe, expect, it } from 'vitest';
import {
  coloursIn,
  contrastRatio,
  customProperties,
  parseRules,
  stylesheet,
  type Rules,
} from './theme-css.js';

/** WCAG AA for normal-size text. */
const AA = 4.5;

const [themeCss, wallCss, headerCss, siteCss] = ['theme', 'wall', 'header', 'site'].map((name) =>
  stylesheet(`${name}.css`),
) as [string, string, string, string];
const theme = parseRules(themeCss);
const vars = customProperties(theme);
const wall = parseRules(wallCss);

/** The value the last of `selectors` that declares `property` gives it (later ones override). */
function declared(rules: Rules, selectors: readonly string[], property: string): string | null {
  let value: string | null = null;
  for (const selector of selectors) value = rules.get(selector)?.get(property) ?? value;
  return value;
}

type TileState = 'live' | 'stale' | 'down';

/** The rules that style a tile in each state, least specific first, as the cascade applies them. */
const TILE: Record<TileState, readonly string[]> = {
  live: ['.site-tile'],
  stale: ['.site-tile', ".site-tile[data-stale='true']"],
  down: ['.site-tile', ".site-tile[data-stale='true']", ".site-tile[data-state='down']"],
};

/** Where an element's rules live in state `state`: its own, then the not-live override. */
const within = (state: TileState, element: string) =>
  state === 'live' ? [element] : [element, `.site-tile[data-stale='true'] ${element}`];

/** Every colour the tile's background is painted with (both hatch stripes when hatched). */
function tileBackground(state: TileState): string[] {
  const value = declared(wall, TILE[state], 'background');
  if (value === null) throw new Error(`no background for a ${state} tile`);
  return coloursIn(value, vars);
}

/** An element's text colour, and what it stands on: its own background if it has one. */
function textOn(state: TileState, element: string): { text: string; grounds: string[] } {
  const rules = within(state, element);
  const color = declared(wall, rules, 'color') ?? 'var(--text)';
  const [text] = coloursIn(color, vars);
  if (!text) throw new Error(`no colour for ${element}`);
  const own = declared(wall, rules, 'background');
  return { text, grounds: own === null ? tileBackground(state) : coloursIn(own, vars) };
}

const STATES: readonly TileState[] = ['live', 'stale', 'down'];
const TEXTS = {
  'site name': '.site-tile__name',
  customer: '.site-tile__customer',
  'data age': '.site-tile__age',
  'state reason': '.conn-state__reason',
} as const;

describe('tile text contrast, from the stylesheets themselves', () => {
  it('reads the theme: every colour is an opaque #rrggbb value', () => {
    for (const name of ['text', 'muted', 'panel', 'tile-stale-a', 'tile-down-b'])
      expect(vars.get(name)).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('hatches not-live tiles and paints their age on its own badge', () => {
    expect(tileBackground('stale')).toHaveLength(2);
    expect(tileBackground('down')).toHaveLength(2);
    expect(tileBackground('down')).not.toEqual(tileBackground('stale'));
    expect(textOn('stale', '.site-tile__age').grounds).toEqual([vars.get('bg')]);
  });

  for (const state of STATES) {
    for (const [what, element] of Object.entries(TEXTS)) {
      it(`keeps ${what} at AA contrast on a ${state} tile`, () => {
        const { text, grounds } = textOn(state, element);
        for (const ground of grounds)
          expect(contrastRatio(text, ground)).toBeGreaterThanOrEqual(AA);
      });
    }
  }

  it('keeps the state word at AA contrast on its own tile', () => {
    for (const state of ['live', 'stale', 'down'] as const) {
      const rule = `.conn-state[data-state='${state}'] .conn-state__word`;
      const [word] = coloursIn(declared(wall, [rule], 'color') ?? '', vars);
      if (!word) throw new Error(`no colour for ${rule}`);
      for (const ground of tileBackground(state))
        expect(contrastRatio(word, ground)).toBeGreaterThanOrEqual(AA);
    }
  });

  it('never fades or greys a tile, a view or the board (that is what broke contrast before)', () => {
    for (const [file, css] of Object.entries({ wallCss, headerCss, siteCss })) {
      for (const [selector, declarations] of parseRules(css)) {
        const fades = ['opacity', 'filter'].filter((p) => declarations.has(p));
        if (/data-(stale|state|connected)/.test(selector))
          expect({ file, selector, fades }).toEqual({ file, selector, fades: [] });
      }
    }
  });
});
