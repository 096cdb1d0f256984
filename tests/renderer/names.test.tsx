// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BIDI_FLAG, displayName, REPLACEMENT } from '../../renderer/src/format/names.js';
import { FakeBridge } from './fake-bridge.js';
import { alert, content, device, site, snapshot } from './fleet-fixtures.js';
import { cells, renderApp } from './render-helpers.js';
import { pagePerTest } from './page-per-test.js';

const RLO = '\u202E';
/** Reads "…evilexe.png" on screen while it ends in ".exe" (the classic spoof). */
const SPOOF = `invoice-evil${RLO}gnp.exe`;
const LONG = 'x'.repeat(200);

describe('displayName', () => {
  it('removes direction controls and flags the name', () => {
    const shown = displayName(SPOOF, 'd1');
    expect(shown.text).toBe('invoice-evilgnp.exe');
    expect(shown.text).not.toContain(RLO);
    expect(shown.bidi).toBe(true);
    expect(shown.title).toBe(`invoice-evilgnp.exe (${BIDI_FLAG})`);
    for (const control of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068']) {
      expect(displayName(`a${control}b\u2069\u200E\u200F\u061C`, 'd').text).toBe('ab');
    }
  });

  it('shows the id, marked, for an empty or whitespace-only name', () => {
    for (const blank of ['', '   ', '\t\n', '\u200B\u00A0\u3000', RLO + ' ', null, undefined]) {
      const shown = displayName(blank, 'dev-42');
      expect(shown.text).toBe('dev-42');
      expect(shown.fallback).toBe(true);
      expect(shown.title).toContain('no name');
    }
    expect(displayName(' a ', 'dev-42').fallback).toBe(false);
  });

  it('treats a name of invisible characters as blank (soft hyphen, joiners, selectors, tags, braille blank)', () => {
    const invisible = [
      '\u00AD',
      '\u180E',
      '\u034F',
      '\uFE0F',
      '\u2061\u2064',
      '\u{E0041}\u{E0042}',
      '\u2800',
      '\u3164',
    ];
    for (const name of invisible) expect(displayName(name, 'dev-7').text).toBe('dev-7');
    expect(displayName('a\u00ADb', 'dev-7').fallback).toBe(false);
  });

  it('replaces other control characters', () => {
    const shown = displayName('line\nbreak\u0007bell\u009B', 'd');
    expect(shown.text).toBe(`line${REPLACEMENT}break${REPLACEMENT}bell${REPLACEMENT}`);
    expect(shown.controls).toBe(true);
    expect(shown.title).toContain('control characters replaced');
  });

  it('keeps a long name whole (the cell truncates it) and leaves plain names alone', () => {
    expect(displayName(LONG, 'd')).toEqual({
      text: LONG,
      title: LONG,
      fallback: false,
      bidi: false,
      controls: false,
    });
    expect(displayName('שרת-1 ⚙️', 'd').title).toBe('שרת-1 ⚙️');
  });
});

function hostileFleet() {
  return snapshot(
    10,
    [site('s1')],
    [
      content(
        's1',
        [
          device('rlo', { name: SPOOF }),
          device('blank', { name: '   ', parentId: 'rlo' }),
          device('long', { name: LONG }),
        ],
        [alert('al1', { title: `Disk ${'very '.repeat(80)}full`, deviceId: 'rlo' })],
      ),
    ],
  );
}

pagePerTest();

describe('hostile names in the site view', () => {
  async function rows() {
    window.location.hash = '#/site/s1';
    const view = await renderApp(new FakeBridge(hostileFleet()));
    const byId = new Map(
      view.getAllByTestId('device-row').map((row) => [row.dataset.deviceId ?? '', row]),
    );
    const name = (id: string) => {
      const cell = byId.get(id)?.querySelector<HTMLElement>('[data-testid="device-name"]');
      if (!cell) throw new Error(`no name cell for ${id}`);
      return cell;
    };
    return { view, name };
  }

  it('shows the id for a blank name, marked, never a blank row', async () => {
    const { name } = await rows();
    const blank = name('blank');
    expect(blank.querySelector('bdi')?.textContent).toBe('blank');
    expect(blank.textContent).toContain('no name');
    expect(blank.dataset.fallback).toBe('true');
  });

  it('isolates and flags a name with direction controls; no raw control reaches the page', async () => {
    const { view, name } = await rows();
    const rlo = name('rlo');
    expect(rlo.querySelector('bdi')?.textContent).toBe('invoice-evilgnp.exe');
    expect(rlo.dataset.bidi).toBe('true');
    expect(rlo.textContent).toContain(BIDI_FLAG);
    expect(rlo.title).toContain(BIDI_FLAG);
    // The parent column and the alert's device name go through the same cleaning.
    expect(view.getByTestId('site-view').textContent).not.toContain(RLO);
    expect(view.getByTestId('alert').querySelector('bdi')?.textContent).not.toContain(RLO);
  });

  it('keeps the full long name in the title and the text, for hover, focus and readers', async () => {
    const { name } = await rows();
    const long = name('long');
    expect(long.title).toBe(LONG);
    expect(long.querySelector('bdi')?.textContent).toBe(LONG);
  });

  it('gives a long alert title its full text as a title, the age beside it', async () => {
    const { view } = await rows();
    const item = view.getByTestId('alert');
    const title = item.querySelector<HTMLElement>('.alert__title');
    expect(title?.title).toBe(`Disk ${'very '.repeat(80)}full`);
    expect(item.querySelector('.alert__age')?.textContent).toBe('0 s');
  });
});

describe('hostile names on the wall', () => {
  it('labels each device cell with the cleaned name, or the id for a blank one', async () => {
    const { container } = await renderApp(new FakeBridge(hostileFleet()));
    const titles = new Map(cells(container).map((cell) => [cell.dataset.deviceId, cell.title]));
    expect(titles.get('rlo')).toBe(`invoice-evilgnp.exe (${BIDI_FLAG}) — Up`);
    expect(titles.get('blank')).toBe('blank (no name, id shown) — Up');
    const rlo = cells(container).find((c) => c.dataset.deviceId === 'rlo');
    expect(rlo?.getAttribute('aria-label')).toBe(titles.get('rlo'));
  });

  it("cleans and isolates a site's own name on its tile (the hub falls back to what the site announces)", async () => {
    const spoof = { ...site('s'), name: `Berlin ${RLO}gnp.exe` };
    const blank = { ...site('b'), name: '   ' };
    const { container } = await renderApp(
      new FakeBridge(snapshot(10, [spoof, blank], [content('s', []), content('b', [])])),
    );
    const name = (id: string) =>
      container.querySelector(`[data-testid="site-tile"][data-site-id="${id}"] .site-tile__name`);
    expect(name('s')?.textContent).not.toContain(RLO);
    expect(name('s')?.querySelector('bdi')?.textContent).toBe('Berlin gnp.exe');
    expect(name('s')?.textContent).toContain(BIDI_FLAG);
    expect(name('b')?.querySelector('bdi')?.textContent).toBe('b');
  });
});
