/** A progress bar on stderr, drawn only when stderr is a terminal so pipes and logs stay clean. */
export class Progress {
  private readonly enabled: boolean;
  private last = 0;

  constructor(private readonly total: number) {
    this.enabled = process.stderr.isTTY && total > 1;
  }

  tick(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && done < this.total) return;
    this.last = now;
    const width = 30;
    const filled = Math.round((done / this.total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total}`);
  }

  done(): void {
    if (this.enabled) process.stderr.write('\n');
  }
}
