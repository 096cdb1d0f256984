import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { IMPORT_ZONES } from '../../eslint/import-rules.js';
import { zoneOf } from '../../eslint/import-check.js';

/**
 * Each fixture in tests/lint-fixtures/ is source text linted with the project's own ESLint
 * config as if it lived at the path its first line names. Its second line says what must
 * happen: `// refused: <folder> "<text>"` (the boundary rule reports it, naming the folder and
 * the import) or `// allowed` (the rule stays silent, so a rule that bans everything fails).
 */

const root = resolve(import.meta.dirname, '../..');
const fixtureDir = join(root, 'tests/lint-fixtures');
const RULE = 'noc/import-boundaries';

interface Fixture {
  readonly name: string;
  readonly lintAs: string;
  /** null when the imports must be allowed. */
  readonly refused: { readonly folder: string; readonly text: string } | null;
  readonly source: string;
}

function readFixture(file: string): Fixture {
  const source = readFileSync(join(fixtureDir, file), 'utf8');
  const [first = '', second = ''] = source.split('\n');
  const lintAs = /^\/\/ lint as: (\S+)$/.exec(first)?.[1];
  if (lintAs === undefined) throw new Error(`${file}: line 1 must be "// lint as: <path>"`);
  if (second === '// allowed') return { name: file, lintAs, refused: null, source };
  const refused = /^\/\/ refused: (.+) "(.+)"$/.exec(second);
  if (!refused?.[1] || !refused[2]) {
    throw new Error(`${file}: line 2 must be "// allowed" or '// refused: <folder> "<text>"'`);
  }
  return { name: file, lintAs, refused: { folder: refused[1], text: refused[2] }, source };
}

const fixtures = readdirSync(fixtureDir)
  .filter((file) => file.endsWith('.fixture'))
  .sort()
  .map(readFixture);

// The project's config, minus type-aware rules: the probe paths are not in any tsconfig.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: tseslint.configs.disableTypeChecked as Linter.Config,
});

async function lint(fixture: Fixture): Promise<Linter.LintMessage[]> {
  const filePath = join(root, fixture.lintAs);
  // An ignored path is linted by no rule at all, so an allowed fixture there would pass vacuously.
  expect(await eslint.isPathIgnored(filePath), `${fixture.lintAs} is ignored by the config`).toBe(
    false,
  );
  const [result] = await eslint.lintText(fixture.source, { filePath });
  if (!result) throw new Error(`${fixture.name}: ESLint returned no result`);
  const fatal = result.messages.filter((message) => message.fatal === true);
  expect(fatal, `${fixture.name} must parse`).toEqual([]);
  return result.messages.filter((message) => message.ruleId === RULE);
}

describe('import boundaries (eslint/import-rules.js) on the lint fixtures', () => {
  const refused = fixtures.filter((fixture) => fixture.refused !== null);
  const allowed = fixtures.filter((fixture) => fixture.refused === null);

  it.each(refused.map((fixture) => [fixture.name, fixture] as const))(
    '%s is refused, naming the folder and the import',
    async (_name, fixture) => {
      const messages = await lint(fixture);
      expect(messages).toHaveLength(1);
      const message = messages[0]?.message ?? '';
      expect(message).toContain(fixture.refused?.folder);
      expect(message).toContain(fixture.refused?.text);
    },
  );

  it.each(allowed.map((fixture) => [fixture.name, fixture] as const))(
    '%s passes',
    async (_name, fixture) => {
      expect(await lint(fixture)).toEqual([]);
    },
  );

  it('has an allowed fixture in every zone, so a rule that refuses everything fails', () => {
    const zonesWithAllowed = new Set(allowed.map((fixture) => zoneOf(fixture.lintAs)?.name));
    expect([...zonesWithAllowed].sort()).toEqual(IMPORT_ZONES.map((zone) => zone.name).sort());
  });

  it('checks every source file of the real config, not only the fixtures', async () => {
    for (const file of ['shared/clock.ts', 'renderer/src/App.tsx', 'tests/unit/x.test.ts']) {
      const config = (await eslint.calculateConfigForFile(join(root, file))) as Linter.Config;
      expect(config.rules?.[RULE], file).toEqual([2]);
    }
  });

  it('lints the board and its tests with react-hooks and jsx-a11y, and nothing else with them', async () => {
    const rulesFor = async (file: string) =>
      ((await eslint.calculateConfigForFile(join(root, file))) as Linter.Config).rules ?? {};
    for (const file of ['renderer/src/App.tsx', 'tests/renderer/app-shell.test.tsx']) {
      const rules = await rulesFor(file);
      expect(rules['react-hooks/rules-of-hooks'], file).toEqual([2]);
      expect(rules['jsx-a11y/alt-text'], file).toEqual([2]);
    }
    expect((await rulesFor('electron/hub/hub.ts'))['react-hooks/rules-of-hooks']).toBeUndefined();
  });
});
