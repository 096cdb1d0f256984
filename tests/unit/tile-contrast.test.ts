import { describe, expect, it } from 'vitest';
import { CONNECTION_STATES, type ConnectionState } from '../../shared/fleet/health.js';
import { SITE_ROLLUPS } from '../../shared/fleet/site-rollup.js';
import { SEVERITIES } from '../../shared/protocol/alert.js';
import { DEVICE_STATUSES } from '../../shared/protocol/device.js';
import {
  coloursIn,
  contrastRatio,
  customProperties,
  parseRules,
  resolveColour,
  specificity,
  stylesheet,
} from './theme-css.js';

/** WCAG AA for normal-size text. */
const AA = 4.5;

const [themeCss, wallCss, headerCss, siteCss] = ['theme', 'wall', 'header', 'site'].map((name) =>
  stylesheet(`${name}.css`),
) as [string, string, string, string];
const vars = customProperties(parseRules(themeCss));
/** Every rule a tile can match, in source order (styles.css imports theme.css before wall.css). */
const sheet = [...parseRules(themeCss), ...parseRules(wallCss)];

/** How a tile looks: its connection state (any but live is drawn not-live) and the pointer. */
interface TileLook {
  readonly state: ConnectionState;
  readonly hover: boolean;
}

/**
 * The value the cascade gives `property` among the rules named by `selectors`: the most specific
 * wins, then the later in the stylesheet. Null when none declares it.
 */
function cascaded(selectors: readonly string[], property: string): string | null {
  let best: { rank: number; index: number; value: string } | null = null;
  sheet.forEach(([selector, declarations], index) => {
    const value = declarations.get(property);
    if (value === undefined || !selectors.includes(selector)) return;
    const rank = specificity(selector);
    if (!best || rank > best.rank || (rank === best.rank && index > best.index))
      best = { rank, index, value };
  });
  return (best as { value: string } | null)?.value ?? null;
}

/** The rules that style the tile itself. */
function tileRules({ state, hover }: TileLook): string[] {
  return [
    '.site-tile',
    ...(hover ? ['.site-tile:hover'] : []),
    ...(state === 'live' ? [] : [".site-tile[data-stale='true']"]),
    `.site-tile[data-state='${state}']`,
  ];
}

/** Every colour the tile's background is painted with (both hatch stripes when hatched). */
function tileBackground(look: TileLook): string[] {
  const value = cascaded(tileRules(look), 'background');
  if (value === null) throw new Error(`no background for a ${look.state} tile`);
  return coloursIn(value, vars);
}

/** A text on a tile: its class, and the data attribute that colours it (if any). */
interface Text {
  readonly element: string;
  readonly data?: { readonly name: 'status' | 'severity' | 'rollup'; readonly value: string };
}

/** The rules that style `text` on a tile that looks like `look`. */
function textRules(look: TileLook, { element, data }: Text): string[] {
  return [
    element,
    // Either form: the roll-up word's colour is set on its class (theme.css), the others' on
    // any element with the attribute.
    ...(data
      ? [`[data-${data.name}='${data.value}']`, `${element}[data-${data.name}='${data.value}']`]
      : []),
    ...tileRules(look).map((tile) => `${tile} ${element}`),
    // The state word is coloured by its own wrapper's data-state, the tile's state.
    `.conn-state[data-state='${look.state}'] ${element}`,
  ];
}

/** A text's colour and every colour it can stand on: its own background, else the tile's. */
function textOn(look: TileLook, text: Text): { colour: string; grounds: string[] } {
  const rules = textRules(look, text);
  // Custom properties the element sets itself (--status from data-status / data-severity).
  const status = cascaded(rules, '--status');
  const scope = new Map(vars);
  if (status !== null) scope.set('status', status);
  const colour = resolveColour(cascaded(rules, 'color') ?? 'var(--text)', scope);
  const own = cascaded(rules, 'background');
  return { colour, grounds: own === null ? tileBackground(look) : coloursIn(own, vars) };
}

/** Every text a tile shows, named as a viewer would. */
const TEXTS: Readonly<Record<string, Text>> = {
  'site name': { element: '.site-tile__name' },
  customer: { element: '.site-tile__customer' },
  'data age': { element: '.site-tile__age' },
  'state word': { element: '.conn-state__word' },
  'state reason': { element: '.conn-state__reason' },
  'flag text (degraded reason)': { element: '.site-flag' },
  'flag word (DEGRADED, CLOCK AHEAD)': { element: '.site-flag__word' },
  'roll-up "No devices"': { element: '.site-tile__rollup' },
  ...Object.fromEntries(
    SITE_ROLLUPS.map((rollup) => [
      `roll-up ${rollup}`,
      { element: '.site-tile__rollup', data: { name: 'rollup', value: rollup } },
    ]),
  ),
  ...Object.fromEntries(
    DEVICE_STATUSES.map((status) => [
      `${status} device count`,
      { element: '.status-count', data: { name: 'status', value: status } },
    ]),
  ),
  ...Object.fromEntries(
    [...SEVERITIES, 'none'].map((severity) => [
      `alert count, worst ${severity}`,
      { element: '.site-tile__alerts', data: { name: 'severity', value: severity } },
    ]),
  ),
};

const LOOKS: readonly TileLook[] = CONNECTION_STATES.flatMap((state) =>
  [false, true].map((hover) => ({ state, hover })),
);

describe('tile text contrast, from the stylesheets themselves', () => {
  it('reads the theme: every colour is an opaque #rrggbb value', () => {
    for (const name of ['text', 'muted', 'panel', 'tile-stale-a', 'tile-down-b'])
      expect(vars.get(name)).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('knows what it checks: a status text takes its status colour, a hovered live tile --panel-2', () => {
    const live = { state: 'live', hover: false } as const;
    const worstDown = TEXTS['roll-up down'];
    const unreachable = TEXTS['roll-up unreachable'];
    const disaster = TEXTS['alert count, worst disaster'];
    if (!worstDown || !disaster || !unreachable) throw new Error('matrix incomplete');
    expect(textOn(live, worstDown).colour).toBe(vars.get('down'));
    expect(textOn(live, unreachable).colour).toBe(vars.get('unreachable'));
    expect(textOn(live, disaster).colour).toBe(vars.get('sev-disaster'));
    expect(textOn(live, { element: '.site-tile__rollup' }).colour).toBe(vars.get('text'));
    expect(tileBackground({ state: 'live', hover: true })).toEqual([vars.get('panel-2')]);
    // A not-live tile keeps its hatching under the pointer.
    expect(tileBackground({ state: 'stale', hover: true })).toEqual(
      tileBackground({ state: 'stale', hover: false }),
    );
  });

  it("colours a tile's edge by its roll-up on its own border, over every look, without --status", () => {
    const edge: Record<(typeof SITE_ROLLUPS)[number], string> = {
      unreachable: 'unreachable',
      down: 'down',
      degraded: 'warning',
      maintenance: 'maintenance',
      ok: 'up',
    };
    const lastIndex = (selector: string) =>
      sheet.findLastIndex(([candidate]) => candidate === selector);
    for (const rollup of SITE_ROLLUPS) {
      const own = `.site-tile[data-rollup='${rollup}']`;
      for (const look of LOOKS) {
        expect(cascaded([...tileRules(look), own], 'border-left-color')).toBe(
          `var(--${edge[rollup]})`,
        );
        // After the looks that set the whole border (same specificity: the later wins).
        for (const rule of tileRules(look)) expect(lastIndex(own)).toBeGreaterThan(lastIndex(rule));
      }
      // A custom property set on the tile would be inherited by all in it: a roll-up flip would
      // re-style the whole tile.
      expect(cascaded(['.site-tile', own, `[data-rollup='${rollup}']`], '--status')).toBeNull();
    }
  });

  it('hatches not-live tiles and paints their age on its own badge', () => {
    const stale = { state: 'stale', hover: false } as const;
    const down = { state: 'down', hover: false } as const;
    expect(tileBackground(stale)).toHaveLength(2);
    expect(tileBackground(down)).toHaveLength(2);
    expect(tileBackground(down)).not.toEqual(tileBackground(stale));
    expect(tileBackground({ state: 'refused', hover: false })).toEqual(tileBackground(down));
    expect(tileBackground({ state: 'connecting', hover: false })).toEqual(tileBackground(stale));
    const age = TEXTS['data age'];
    if (!age) throw new Error('matrix incomplete');
    expect(textOn(stale, age).grounds).toEqual([vars.get('bg')]);
  });

  it('draws a site flag (degraded, clock ahead) as a solid badge, on any tile', () => {
    const word = TEXTS['flag word (DEGRADED, CLOCK AHEAD)'];
    const text = TEXTS['flag text (degraded reason)'];
    if (!word || !text) throw new Error('matrix incomplete');
    for (const look of LOOKS) {
      expect(textOn(look, text).grounds).toEqual([vars.get('bg')]);
      expect(textOn(look, word)).toEqual({
        colour: vars.get('warning'),
        grounds: [vars.get('bg')],
      });
    }
  });

  for (const look of LOOKS) {
    it(`keeps every text at AA contrast on a ${look.state} tile${look.hover ? ' under the pointer' : ''}`, () => {
      const below: string[] = [];
      for (const [what, text] of Object.entries(TEXTS)) {
        const { colour, grounds } = textOn(look, text);
        for (const ground of grounds) {
          const ratio = contrastRatio(colour, ground);
          if (ratio < AA) below.push(`${what}: ${colour} on ${ground} is ${ratio.toFixed(2)}:1`);
        }
      }
      expect(below).toEqual([]);
    });
  }

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
