import { userInfo } from 'node:os';

/**
 * Who acts from this desktop: the config's `technician`, else the operating system's user name
 * (the person logged in is the person at the keyboard), else "technician" where the OS has no
 * name for the user (a container without a passwd entry).
 */
export function desktopTechnician(configured: string | undefined): string {
  if (configured !== undefined) return configured;
  try {
    const name = userInfo().username.trim();
    return name.length > 0 ? name.slice(0, 200) : 'technician';
  } catch {
    return 'technician';
  }
}
