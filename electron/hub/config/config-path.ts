import { join } from 'node:path';

export interface ConfigChoice {
  readonly file: string;
  /** Named by the user: a missing file is then an error, not a reason to run the demo. */
  readonly explicit: boolean;
}

/** `--config FILE`, else $NOC_CONFIG, else config.yaml in the app's data folder. */
export function chooseConfigFile(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  userDataDir: string,
): ConfigChoice {
  const flag = argv.indexOf('--config');
  const fromFlag = flag >= 0 ? argv[flag + 1] : undefined;
  const chosen = fromFlag ?? env.NOC_CONFIG;
  if (chosen) return { file: chosen, explicit: true };
  return { file: join(userDataDir, 'config.yaml'), explicit: false };
}
