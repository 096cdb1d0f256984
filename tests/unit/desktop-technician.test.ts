import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { desktopTechnician } from '../../electron/main/technician.js';

describe('desktopTechnician: who acts from the desktop app', () => {
  it('is the configured technician, else the operating system user', () => {
    expect(desktopTechnician('Dana Whitfield')).toBe('Dana Whitfield');
    expect(desktopTechnician(undefined)).toBe(userInfo().username || 'technician');
  });
});
