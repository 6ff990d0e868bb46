/**
 * Closers, run last-in first-out: what was started last (the traffic) stops before what it
 * uses (the platform). A closer that fails is reported and the rest still run.
 */
export class Teardown {
  private readonly steps: { what: string; run: () => unknown }[] = [];

  add(what: string, run: () => unknown): void {
    this.steps.push({ what, run });
  }

  async run(report: (what: string, err: unknown) => void): Promise<void> {
    const steps = this.steps.splice(0).reverse();
    for (const step of steps) {
      try {
        await step.run();
      } catch (err) {
        report(step.what, err);
      }
    }
  }
}
