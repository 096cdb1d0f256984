import { readFileSync } from 'node:fs';

/** A stylesheet of the board, as text (vitest does not load CSS text into the renderer suite). */
export function stylesheet(name: string): string {
  return readFileSync(new URL(`../../renderer/src/styles/${name}`, import.meta.url), 'utf8');
}

/**
 * Just enough CSS reading for the theme tests: the custom properties of `:root`, and each flat
 * rule's declarations by selector (the board's stylesheets nest nothing but comments).
 */
export type Rules = ReadonlyMap<string, ReadonlyMap<string, string>>;

const withoutComments = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '');
/** One spelling per selector: single quotes, single spaces. */
export const normalSelector = (selector: string) =>
  selector.replace(/"/g, "'").replace(/\s+/g, ' ').trim();

/** selector → property → value; a later rule's declaration wins, as in the cascade. */
export function parseRules(css: string): Rules {
  const rules = new Map<string, Map<string, string>>();
  for (const [, selectors = '', body = ''] of withoutComments(css).matchAll(
    /([^{}]+)\{([^{}]*)\}/g,
  )) {
    for (const selector of selectors.split(',').map(normalSelector)) {
      const declarations = rules.get(selector) ?? new Map<string, string>();
      for (const declaration of body.split(';')) {
        const colon = declaration.indexOf(':');
        if (colon < 0) continue;
        const property = declaration.slice(0, colon).trim();
        declarations.set(
          property,
          declaration
            .slice(colon + 1)
            .replace(/\s+/g, ' ')
            .trim(),
        );
      }
      rules.set(selector, declarations);
    }
  }
  return rules;
}

/** `:root`'s custom properties, without their leading dashes: `{ text: '#eef3f8', … }`. */
export function customProperties(rules: Rules): ReadonlyMap<string, string> {
  const root = rules.get(':root');
  if (!root) throw new Error('no :root rule');
  return new Map(
    [...root].filter(([name]) => name.startsWith('--')).map(([name, v]) => [name.slice(2), v]),
  );
}

/** Every colour a value paints with: `var(--x)` resolved through `vars`, and #rrggbb literals. */
export function coloursIn(value: string, vars: ReadonlyMap<string, string>): string[] {
  const colours: string[] = [];
  for (const [, name = '', literal] of value.matchAll(/var\(--([\w-]+)\)|(#[0-9a-f]{6})\b/gi)) {
    if (literal) {
      colours.push(literal.toLowerCase());
      continue;
    }
    const resolved = vars.get(name);
    if (!resolved) throw new Error(`var(--${name}) is not defined in :root`);
    colours.push(...coloursIn(resolved, vars));
  }
  return colours;
}

/** WCAG 2 relative luminance of an opaque #rrggbb colour. */
export function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not an opaque #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((part) => {
    const c = parseInt(part, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The one colour a `color` value paints with: a #rrggbb literal, or `var(--x)` / `var(--x,
 * fallback)` resolved through `vars` (which may hold an element's own custom properties).
 */
export function resolveColour(value: string, vars: ReadonlyMap<string, string>): string {
  const trimmed = value.trim();
  const reference = /^var\(--([\w-]+)\s*(?:,\s*(.+))?\)$/.exec(trimmed);
  if (reference) {
    const [, name = '', fallback] = reference;
    const own = vars.get(name);
    if (own !== undefined) return resolveColour(own, vars);
    if (fallback !== undefined) return resolveColour(fallback, vars);
    throw new Error(`var(--${name}) is not defined and has no fallback`);
  }
  if (/^#[0-9a-f]{6}$/i.test(trimmed)) return trimmed.toLowerCase();
  throw new Error(`not an opaque #rrggbb colour or var(): ${value}`);
}

/** Rough CSS specificity for the board's flat selectors: classes, attributes, pseudo-classes. */
export function specificity(selector: string): number {
  return (selector.match(/\.|\[|:(?!:)/g) ?? []).length;
}
