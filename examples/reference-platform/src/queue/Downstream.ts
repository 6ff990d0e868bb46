/**
 * The system messages are delivered to (a hospital or GP inbox), simulated: each delivery takes
 * `deliveryMs`, and an operator (or a fault) can take it down.
 */
export class Downstream {
  private isDown = false;
  private readonly listeners = new Set<() => void>();
  private handing = 0;
  /** The most hand-overs ever in progress at once: the worker pool's real parallelism. */
  peakInFlight = 0;

  constructor(readonly deliveryMs: number) {}

  get down(): boolean {
    return this.isDown;
  }

  set down(value: boolean) {
    if (value === this.isDown) return;
    this.isDown = value;
    if (!value) for (const l of this.listeners) l();
  }

  /** Called when the downstream comes back up, so waiting workers retry at once. */
  onUp(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Hands one message over; false when the downstream is down (before or during the hand-over).
   * With deliveryMs 0 it answers without a timer: the worker pool decides when to yield.
   */
  async deliver(): Promise<boolean> {
    if (this.isDown) return false;
    this.peakInFlight = Math.max(this.peakInFlight, ++this.handing);
    try {
      if (this.deliveryMs > 0) await new Promise((r) => setTimeout(r, this.deliveryMs));
    } finally {
      this.handing--;
    }
    return !this.isDown;
  }
}
