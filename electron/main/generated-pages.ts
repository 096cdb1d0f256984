/**
 * Pages the main process writes itself (today: the crash page), served on our own app://
 * origin so the CSP and the navigation rules hold for them exactly as for the board.
 */
export class GeneratedPages {
  private readonly pages = new Map<string, string>();

  /** `path` as it appears in the URL, e.g. `/crashed.html`. */
  set(path: string, html: string): void {
    this.pages.set(path, html);
  }

  get(path: string): string | null {
    return this.pages.get(path) ?? null;
  }
}
