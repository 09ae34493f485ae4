/**
 * Counts failed sign-ins per key (the account name, and the client address)
 * in a sliding window. Once a key reaches `maxFailures`, sign-ins under it are
 * refused without checking the password until its oldest failure leaves the
 * window. At most `maxKeys` keys are kept (the oldest dropped first), so a
 * flood of made-up names cannot grow memory.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly maxKeys = 10_000,
  ) {}

  /** Seconds until a sign-in under any of `keys` is allowed again; 0 when it is allowed now. */
  retryAfterSeconds(keys: string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const times = this.recent(key, now);
      if (times.length >= this.maxFailures) wait = Math.max(wait, Math.ceil((times[0]! + this.windowMs - now) / 1000));
    }
    return wait;
  }

  /** Records a failed sign-in under each key. */
  fail(keys: string[], now = Date.now()): void {
    for (const key of keys) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.delete(key);
      this.failures.set(key, times);
      if (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
    }
  }

  /** Forgets the failures of an account that signed in. */
  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }
}
