import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS } from '../../electron/hub/config/hub-options.js';
import { loadHubConfig } from '../../electron/hub/config/load-config.js';
import { CONFIG_DIR, errorOf, file, PEM } from './config-files.js';

describe('loadHubConfig', () => {
  it('reads YAML with defaults, resolves tokenEnv and a CA file relative to the config', async () => {
    file('ca.pem', PEM);
    const path = file(
      'good.yaml',
      [
        'staleAfterSeconds: 5',
        'sites:',
        '  - id: acme-hq',
        '    customer: Acme Corp',
        '    url: https://acme.example:4700',
        '    tokenEnv: ACME_TOKEN',
        '    tls: { caFile: ca.pem }',
        '  - id: globex',
        '    name: Globex Plant',
        '    customer: Globex',
        '    url: http://127.0.0.1:4701',
        '    token: s3cret',
      ].join('\n'),
    );
    const options = await loadHubConfig(path, { ACME_TOKEN: 'from-env' });
    expect(options.staleAfterMs).toBe(5000);
    expect(options.downAfterMs).toBe(60_000);
    expect(options.reconnect).toEqual({ initialDelayMs: 500, maxDelayMs: 30_000 });
    expect(options.publishIntervalMs).toBe(200);
    expect(options.budgets).toEqual(DEFAULT_BUDGETS);
    expect(options.clockSkewMs).toBe(300_000);
    expect(options.siteDownShare).toBe(0.25);
    expect(options.sites[0]).toMatchObject({ id: 'acme-hq', token: 'from-env', ca: PEM });
    expect(options.sites[1]).toEqual({
      id: 'globex',
      name: 'Globex Plant',
      customer: 'Globex',
      url: 'http://127.0.0.1:4701',
      token: 's3cret',
    });
  });

  it('refuses a site URL that is more than an origin, and reconnect delays the wrong way round', async () => {
    for (const url of ['http://h:4700/noc', 'https://user:pw@h', 'http://h/?x=1']) {
      const error = await errorOf(
        file('path.yaml', `sites:\n  - { id: a, customer: A, url: "${url}", token: t }\n`),
      );
      expect(error.message).toMatch(
        /path\.yaml: sites\[0\]\.url: give the site's origin only \(scheme:\/\/host:port\)/,
      );
    }
    const delays = await errorOf(
      file('delays.yaml', 'reconnect: { initialDelayMs: 5000, maxDelayMs: 1000 }\n'),
    );
    expect(delays.field).toBe('reconnect.initialDelayMs');
  });

  it('names the file when a YAML document expands without bound', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(`${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`);
    }
    const bomb = await errorOf(file('bomb.yaml', lines.join('\n')));
    expect(bomb.message).toMatch(/bomb\.yaml: invalid YAML: .*alias/i);
  });

  it('reads JSON too', async () => {
    const path = file('good.json', JSON.stringify({ sites: [] }));
    expect((await loadHubConfig(path)).sites).toEqual([]);
  });

  it('names the file and the field of a bad value', async () => {
    const path = file(
      'bad-url.yaml',
      'sites:\n  - { id: a, customer: A, url: ftp://x, token: t }\n',
    );
    const error = await errorOf(path);
    expect(error.field).toBe('sites[0].url');
    expect(error.message).toBe(`${path}: sites[0].url: expected an http(s):// or ws(s):// URL`);
  });

  it('refuses unknown keys, duplicate ids and a down threshold below the stale one', async () => {
    const typo = await errorOf(file('typo.yaml', 'stalAfterSeconds: 3\n'));
    expect(typo.message).toMatch(/typo\.yaml: \(top level\): .*stalAfterSeconds/);
    const dup = await errorOf(
      file(
        'dup.yaml',
        'sites:\n  - { id: a, customer: A, url: http://h, token: t }\n  - { id: a, customer: B, url: http://h, token: t }\n',
      ),
    );
    expect(dup.message).toMatch(/dup\.yaml: sites\[1\]\.id: duplicate site id "a"/);
    const order = await errorOf(
      file('order.yaml', 'staleAfterSeconds: 60\ndownAfterSeconds: 30\n'),
    );
    expect(order.field).toBe('downAfterSeconds');
  });

  it('requires exactly one of token and tokenEnv, and a set variable', async () => {
    const none = await errorOf(
      file('none.yaml', 'sites:\n  - { id: a, customer: A, url: http://h }\n'),
    );
    expect(none.message).toMatch(/sites\[0\]\.token: give exactly one of "token" or "tokenEnv"/);
    const unset = await errorOf(
      file('unset.yaml', 'sites:\n  - { id: a, customer: A, url: http://h, tokenEnv: NOPE }\n'),
    );
    expect(unset.message).toMatch(/sites\[0\]\.tokenEnv: environment variable NOPE is not set/);
  });

  it('reports YAML syntax errors with the line, and unreadable files and CA files', async () => {
    const syntax = await errorOf(file('syntax.yaml', 'sites:\n  - id: [unclosed\n'));
    expect(syntax.message).toMatch(/syntax\.yaml: invalid YAML: line \d+, column \d+/);
    const missing = await errorOf(join(CONFIG_DIR, 'absent.yaml'));
    expect(missing.message).toMatch(/absent\.yaml: cannot read the file \(ENOENT\)/);
    const ca = await errorOf(
      file(
        'ca.yaml',
        'sites:\n  - { id: a, customer: A, url: https://h, token: t, tls: { caFile: nope.pem } }\n',
      ),
    );
    expect(ca.field).toBe('sites[0].tls.caFile');
    const json = await errorOf(file('broken.json', '{"sites": ['));
    expect(json.message).toMatch(/broken\.json: invalid JSON/);
  });
});
