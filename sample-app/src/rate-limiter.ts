/**
 * RateLimiter admits at most `rate` requests per one-second window, for the whole process: the
 * simplest limiter that shows a dynamic rate taking effect at the next request (a real service
 * would limit per client, and across replicas).
 */
export class RateLimiter {
  private windowStart = 0;
  private count = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** admit counts one request and says whether it fits in the current window's `rate`. */
  admit(rate: number): boolean {
    const now = this.now();
    if (now - this.windowStart >= 1_000) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count += 1;
    return this.count <= rate;
  }
}
