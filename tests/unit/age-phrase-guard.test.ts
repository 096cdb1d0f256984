import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * An age in a sentence is the whole phrase (`<Age ago />`, describeAgo): "just now" and "site
 * clock ahead by 3 h" take no "ago". Writing " ago" after an `<Age />` would read "just now ago"
 * for a time ahead within the skew (tests/renderer/age-phrases.test.tsx shows each sentence).
 */
describe('ages in sentences', () => {
  it('no component writes "ago" after an <Age />', () => {
    const root = join(import.meta.dirname, '../../renderer/src');
    const sources = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.tsx'))
      .map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));
    expect(sources.length).toBeGreaterThan(10);
    const offenders = sources.filter(({ text }) => /<Age\b[^>]*\/>\s*ago\b/.test(text));
    expect(offenders.map((s) => s.file)).toEqual([]);
  });
});
