import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadHubConfig } from '../../electron/hub/config/load-config.js';

/** Config files for the loadHubConfig tests (config*.test.ts), in a folder of their own. */

/** The folder the files are written to. */
export const CONFIG_DIR = mkdtempSync(join(tmpdir(), 'noc-config-'));

/** Writes `text` as `name` in the tests' folder; returns its path. */
export function file(name: string, text: string): string {
  const path = join(CONFIG_DIR, name);
  writeFileSync(path, text);
  return path;
}

/** The ConfigError loading `path` gives (any other outcome fails the test). */
export async function errorOf(
  path: string,
  env: Record<string, string> = {},
): Promise<ConfigError> {
  try {
    await loadHubConfig(path, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

export const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
