import { describe, expect, it } from 'vitest';
import { identifyLabels, renderIdentifyPage } from '../../electron/main/displays/identify.js';
import { placeScreens, type DisplayInfo } from '../../electron/main/displays/placement.js';

/** "Identify screens": a number per display, left to right, with what it shows. */

const display = (id: number, x: number, y = 0): DisplayInfo => ({
  id,
  bounds: { x, y, width: 1920, height: 1080 },
  scaleFactor: 1,
  rotation: 0,
  primary: x === 0 && y === 0,
});

describe('identify screens', () => {
  it('numbers displays left to right and says which screen each shows, or how to set one up', () => {
    const displays = [display(3, 1920), display(1, 0), display(2, 3840)];
    const placements = placeScreens([{ screen: 1, home: null }], displays);
    const labels = identifyLabels(displays, placements, new Map([[1, 'Wall left']]));
    expect(labels.map((l) => [l.displayId, l.number, l.detail])).toEqual([
      [1, 1, 'Wall left (screen 1) · 1920×1080'],
      [3, 2, 'No screen here · 1920×1080 · add "display: 2" to the config\'s displays'],
      [2, 3, 'No screen here · 1920×1080 · add "display: 3" to the config\'s displays'],
    ]);
  });

  it('writes a page with the number and the detail escaped', () => {
    const html = renderIdentifyPage({
      displayId: 1,
      bounds: { x: 0, y: 0, width: 1, height: 1 },
      number: 4,
      detail: '<script>x</script> & "y"',
    });
    expect(html).toContain('<div class="number">4</div>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt; &amp; &quot;y&quot;');
    expect(html).not.toContain('<script>');
  });
});
