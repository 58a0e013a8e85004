/** The timers a {@link Batcher} uses: Node's own by default; tests pass a clock they move by hand. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers. */
export const NODE_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What a {@link Batcher} flushes with, and when. */
export interface BatcherOptions<T> {
  /** Writes a batch, and resolves once it is durable (for a journal: appended and synced). */
  flush: (items: readonly T[]) => Promise<void>;
  /** A batch with this many items is flushed at once: a whole number from 1. */
  maxItems: number;
  /** A batch is flushed at the latest this long after its first item arrived: 0 or more. */
  maxDelayMs: number;
  timers?: Timers;
}

/**
 * Gathers items into batches and flushes each batch with one call, as a journal with group commit
 * does: a batch is flushed when it holds `maxItems` items, or `maxDelayMs` after its first item,
 * whichever comes first (Kafka's producer calls them `batch.size` and `linger.ms`), one flush at a
 * time, in order. Each `add` resolves once the flush of its batch has.
 */
export class Batcher<T> implements AsyncDisposable {
  readonly #flush: (items: readonly T[]) => Promise<void>;
  readonly #maxItems: number;
  readonly #maxDelayMs: number;
  readonly #timers: Timers;

  /** A batcher that flushes with `options.flush`; a RangeError for a `maxItems` or a `maxDelayMs` out of range. */
  constructor(options: BatcherOptions<T>) {
    const { flush, maxItems, maxDelayMs, timers = NODE_TIMERS } = options;
    this.#flush = flush;
    this.#maxItems = maxItems;
    this.#maxDelayMs = maxDelayMs;
    this.#timers = timers;
  }

  /**
   * Adds `item` to the batch that is filling up, and resolves once the flush of that batch has
   * resolved. Rejects with the flush's error when it fails; once a flush has failed, and once the
   * batcher is closed, rejects every item.
   */
  add(item: T): Promise<void> {
    throw new Error("Not implemented yet: add (see the README)");
  }

  /** Flushes the batch that is filling up at once, and resolves once every flush has ended; `add` refuses items from then on. */
  async [Symbol.asyncDispose](): Promise<void> {
    throw new Error("Not implemented yet: dispose (see the README)");
  }
}
