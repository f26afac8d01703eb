/**
 * Per-user sliding-window rate limit. Over the limit the user is told once, politely; further
 * commands in the same run of excess are ignored silently, so the bot never floods a room
 * with refusals.
 */
export type RateDecision = 'allow' | 'refuse-and-tell' | 'refuse-silently';

export class RateLimiter {
  readonly perWindow: number;
  readonly windowMs: number;
  private readonly hits = new Map<string, number[]>();
  private readonly told = new Set<string>();

  constructor(perWindow: number, windowMs = 60_000) {
    this.perWindow = perWindow;
    this.windowMs = windowMs;
  }

  take(key: string, now: number): RateDecision {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length < this.perWindow) {
      recent.push(now);
      this.hits.set(key, recent);
      this.told.delete(key);
      this.prune(now);
      return 'allow';
    }
    this.hits.set(key, recent);
    if (this.told.has(key)) return 'refuse-silently';
    this.told.add(key);
    return 'refuse-and-tell';
  }

  /** Forgets users with no recent command, so the map does not grow with everyone who ever spoke. */
  private prune(now: number): void {
    if (this.hits.size < 1000) return;
    for (const [key, times] of this.hits) {
      if (!times.some((t) => t > now - this.windowMs)) {
        this.hits.delete(key);
        this.told.delete(key);
      }
    }
  }
}
