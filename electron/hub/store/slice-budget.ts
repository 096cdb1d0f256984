/** Rows and time left to one slice (write-slice.ts): it stops at whichever runs out first. */
export class SliceBudget {
  /** Rows the slice may still write. */
  rows = 0;

  constructor(
    /** When the slice must stop, on `elapsed`'s clock (ms), however few rows it wrote. */
    private readonly deadline: number,
    private readonly elapsed: () => number,
  ) {}

  /** Whether the slice may write another row: rows and time both left. */
  room(): boolean {
    return this.rows > 0 && this.elapsed() < this.deadline;
  }
}
