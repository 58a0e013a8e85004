/**
 * `count` bucket bounds that grow by `factor`, from `first`: `exponentialBounds(0.1, 2, 4)` gives
 * `[0.1, 0.2, 0.4, 0.8]`. Exponential buckets keep the same *relative* precision from the fastest
 * request to the slowest, as Prometheus's `ExponentialBuckets` and HdrHistogram do.
 */
export function exponentialBounds(first: number, factor: number, count: number): number[] {
  throw new Error("Not implemented yet: exponentialBounds (see the README)");
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

  /** A histogram with these upper bounds; throws a RangeError unless they are positive and increasing. */
  constructor(bounds: readonly number[]) {
    this.bounds = [...bounds];
    throw new Error("Not implemented yet: LatencyHistogram (see the README)");
  }

  /** Counts one sample, in milliseconds; throws a RangeError for a negative one or NaN. */
  record(ms: number): void {
    throw new Error("Not implemented yet: record (see the README)");
  }

  /** How many samples have been counted. */
  get count(): number {
    throw new Error("Not implemented yet: count (see the README)");
  }

  /** The count of each bucket, the overflow last: one more number than there are bounds. */
  counts(): number[] {
    throw new Error("Not implemented yet: counts (see the README)");
  }

  /**
   * The `p`-th percentile (0 to 100) as far as the buckets can tell: the upper bound of the bucket
   * that holds the nearest-rank sample (chapter 13's definition), `Infinity` for the overflow.
   * Throws a RangeError for an empty histogram, or `p` outside 0 to 100.
   */
  percentile(p: number): number {
    throw new Error("Not implemented yet: percentile (see the README)");
  }

  /**
   * Adds the counts of `other`, as a server adds up the histograms of its connections or Prometheus
   * those of several servers. Throws a RangeError when `other` has other bounds.
   */
  merge(other: LatencyHistogram): void {
    throw new Error("Not implemented yet: merge (see the README)");
  }
}
