import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseConfigFile } from '../../electron/hub/config/config-path.js';

describe('chooseConfigFile', () => {
  it('prefers --config, then NOC_CONFIG, both as explicit choices', () => {
    expect(
      chooseConfigFile(['app', '--config', 'a.yaml'], { NOC_CONFIG: 'b.yaml' }, '/data'),
    ).toEqual({ file: 'a.yaml', explicit: true });
    expect(chooseConfigFile(['app'], { NOC_CONFIG: 'b.yaml' }, '/data')).toEqual({
      file: 'b.yaml',
      explicit: true,
    });
  });

  it('falls back to config.yaml in the data folder, which may be absent (then: the demo)', () => {
    expect(chooseConfigFile(['app'], {}, '/data')).toEqual({
      file: join('/data', 'config.yaml'),
      explicit: false,
    });
  });
});
