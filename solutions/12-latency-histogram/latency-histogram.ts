/**
 * `count` bucket bounds that grow by `factor`, from `first`: `exponentialBounds(0.1, 2, 4)` gives
 * `[0.1, 0.2, 0.4, 0.8]`. Exponential buckets keep the same *relative* precision from the fastest
 * request to the slowest, as Prometheus's `ExponentialBuckets` and HdrHistogram do.
 */
export function exponentialBounds(first: number, factor: number, count: number): number[] {
  // BEGIN SOLUTION
  return Array.from({ length: count }, (_, index) => first * factor ** index);
  // STARTER
  // throw new Error("Not implemented yet: exponentialBounds (see the README)");
  // END SOLUTION
}

/**
 * A latency histogram: how many samples fell into each bucket, not the samples themselves, so it
 * takes the same memory after a second or a year. A sample goes into the first bucket whose upper
 * bound is at least the sample (`le`, "less or equal", as Prometheus says); samples above the last
 * bound go into one more bucket, the overflow, whose bound is `Infinity`.
 */
export class LatencyHistogram {
  /** The buckets' upper bounds, increasing, in milliseconds (the overflow's `Infinity` not included). */
  readonly bounds: readonly number[];
  // BEGIN SOLUTION
  readonly #counts: number[];
  #count = 0;
  // END SOLUTION

  /** A histogram with these upper bounds; throws a RangeError unless they are positive and increasing. */
  constructor(bounds: readonly number[]) {
    this.bounds = [...bounds];
    // BEGIN SOLUTION
    if (bounds.length === 0) throw new RangeError("a histogram needs at least one bound");
    for (const [index, bound] of bounds.entries()) {
      const previous = index === 0 ? 0 : (bounds[index - 1] as number);
      if (!(bound > previous) || !Number.isFinite(bound)) {
        throw new RangeError(`bounds must be positive, finite and increasing; bound ${index} is ${bound}`);
      }
    }
    this.#counts = new Array<number>(bounds.length + 1).fill(0);
    // STARTER
    // throw new Error("Not implemented yet: LatencyHistogram (see the README)");
    // END SOLUTION
  }

  /** Counts one sample, in milliseconds; throws a RangeError for a negative one or NaN. */
  record(ms: number): void {
    // BEGIN SOLUTION
    if (!(ms >= 0)) throw new RangeError(`a latency is 0 ms or more, not ${ms}`);
    const index = this.bounds.findIndex((bound) => ms <= bound);
    const bucket = index === -1 ? this.bounds.length : index;
    this.#counts[bucket] = (this.#counts[bucket] ?? 0) + 1;
    this.#count++;
    // STARTER
    // throw new Error("Not implemented yet: record (see the README)");
    // END SOLUTION
  }

  /** How many samples have been counted. */
  get count(): number {
    // BEGIN SOLUTION
    return this.#count;
    // STARTER
    // throw new Error("Not implemented yet: count (see the README)");
    // END SOLUTION
  }

  /** The count of each bucket, the overflow last: one more number than there are bounds. */
  counts(): number[] {
    // BEGIN SOLUTION
    return [...this.#counts];
    // STARTER
    // throw new Error("Not implemented yet: counts (see the README)");
    // END SOLUTION
  }

  /**
   * The `p`-th percentile (0 to 100) as far as the buckets can tell: the upper bound of the bucket
   * that holds the nearest-rank sample (chapter 13's definition), `Infinity` for the overflow.
   * Throws a RangeError for an empty histogram, or `p` outside 0 to 100.
   */
  percentile(p: number): number {
    // BEGIN SOLUTION
    if (this.#count === 0) throw new RangeError("no samples to take a percentile of");
    if (!(p >= 0 && p <= 100)) throw new RangeError(`a percentile is from 0 to 100, not ${p}`);
    const rank = Math.max(1, Math.ceil((p * this.#count) / 100));
    let seen = 0;
    for (const [index, count] of this.#counts.entries()) {
      seen += count;
      if (seen >= rank) return this.bounds[index] ?? Infinity;
    }
    return Infinity; // not reached: the counts add up to this.#count
    // STARTER
    // throw new Error("Not implemented yet: percentile (see the README)");
    // END SOLUTION
  }

  /**
   * Adds the counts of `other`, as a server adds up the histograms of its connections or Prometheus
   * those of several servers. Throws a RangeError when `other` has other bounds.
   */
  merge(other: LatencyHistogram): void {
    // BEGIN SOLUTION
    const same = other.bounds.length === this.bounds.length && other.bounds.every((bound, index) => bound === this.bounds[index]);
    if (!same) throw new RangeError("cannot merge histograms with different bounds");
    for (const [index, count] of other.counts().entries()) this.#counts[index] = (this.#counts[index] ?? 0) + count;
    this.#count += other.count;
    // STARTER
    // throw new Error("Not implemented yet: merge (see the README)");
    // END SOLUTION
  }
}
