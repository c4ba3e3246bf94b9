/**
 * A fixed-window limit counted in this process's memory: for limits on reads that must cost no statement
 * (GET /api/me's parts, asked on every member's page view). Unlike the limits in rate-limit.ts it is not
 * shared between processes: with N of them a key may spend N × points. At most `maxKeys` keys are held;
 * past that the oldest window is dropped first.
 */
export class LocalLimit {
  private readonly windows = new Map<string, { spent: number; resetAt: number }>();

  constructor(
    readonly points: number,
    readonly durationMs: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one point; false (nothing spent) when the key has used its points in this window. */
  spend(key: string): { ok: boolean; retryAfterSeconds: number } {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
      window = { spent: 0, resetAt: now + this.durationMs };
      this.windows.set(key, window);
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    if (window.spent >= this.points) return { ok: false, retryAfterSeconds };
    window.spent++;
    return { ok: true, retryAfterSeconds };
  }
}
