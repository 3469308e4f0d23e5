/** Failed authentication attempts of one client address within its window. */
export interface FailureEntry {
  count: number;
  resetAt: number;
}

export interface FailedAuthTrackerOptions {
  /** Failures within the window after which the address is throttled. */
  readonly maxFailures: number;
  readonly windowMs: number;
  /** Addresses tracked at most (throttled ones included). */
  readonly maxTracked: number;
}

/**
 * Failed-auth counts per client address, bounded in memory without ever forgetting a throttled
 * address early (issue #15: the map used to be cleared wholesale past 10,000 addresses, so a spray of
 * forged addresses reset the throttle). Two insertion-ordered maps: `open` is an LRU of addresses
 * still allowed to guess, evicted oldest-first when full; `throttled` holds addresses over the limit
 * until their window ends. When every slot holds a throttled address, a new address is not tracked
 * at all (`entryFor` answers undefined) rather than anything being cleared.
 */
export class FailedAuthTracker {
  private readonly open = new Map<string, FailureEntry>();
  private readonly throttled = new Map<string, FailureEntry>();

  constructor(private readonly opts: FailedAuthTrackerOptions) {}

  get size(): number {
    return this.open.size + this.throttled.size;
  }

  isThrottled(e: FailureEntry): boolean {
    return e.count >= this.opts.maxFailures;
  }

  /**
   * The live entry for `address` at time `t` (a fresh one when it has none or its window ended), or
   * undefined when the tracker is full of throttled addresses and cannot take another.
   */
  entryFor(address: string, t: number): FailureEntry | undefined {
    const held = this.throttled.get(address);
    if (held && t < held.resetAt) return held;
    if (held) this.throttled.delete(address);
    const e = this.open.get(address);
    if (e) {
      this.open.delete(address); // re-inserted below: most recently used last
      if (t >= e.resetAt) Object.assign(e, { count: 0, resetAt: t + this.opts.windowMs });
      this.open.set(address, e);
      return e;
    }
    if (!this.makeRoom(t)) return undefined;
    const fresh = { count: 0, resetAt: t + this.opts.windowMs };
    this.open.set(address, fresh);
    return fresh;
  }

  /** Count one failure; an address reaching the limit moves to the throttled set. */
  recordFailure(address: string, e: FailureEntry): void {
    e.count++;
    if (this.isThrottled(e) && this.open.delete(address)) this.throttled.set(address, e);
  }

  /** Free one slot if the tracker is full: expired throttled entries first, else the oldest open one. */
  private makeRoom(t: number): boolean {
    if (this.size < this.opts.maxTracked) return true;
    // Throttled entries sit in the order they were throttled, which is close to their window's end.
    for (const [address, e] of this.throttled) {
      if (t < e.resetAt) break;
      this.throttled.delete(address);
    }
    if (this.size < this.opts.maxTracked) return true;
    const oldest = this.open.keys().next();
    if (oldest.done === true) return false;
    this.open.delete(oldest.value);
    return true;
  }
}
