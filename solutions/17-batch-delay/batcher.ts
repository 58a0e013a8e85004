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

// BEGIN SOLUTION
/** An item waiting for its batch's flush, and how to tell whoever added it. */
interface Pending<T> {
  item: T;
  resolve(): void;
  reject(error: unknown): void;
}

// END SOLUTION
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
  // BEGIN SOLUTION
  /** The batch that is filling up, and its clock. */
  #open: Pending<T>[] = [];
  #clock: unknown;
  /** The batches that are due, oldest first, waiting for the flush in progress. */
  readonly #due: Pending<T>[][] = [];
  /** The loop that flushes the due batches, while there are any. */
  #flushing: Promise<void> | undefined;
  #failure: Error | undefined;
  #closed = false;
  // END SOLUTION

  /** A batcher that flushes with `options.flush`; a RangeError for a `maxItems` or a `maxDelayMs` out of range. */
  constructor(options: BatcherOptions<T>) {
    const { flush, maxItems, maxDelayMs, timers = NODE_TIMERS } = options;
    this.#flush = flush;
    this.#maxItems = maxItems;
    this.#maxDelayMs = maxDelayMs;
    this.#timers = timers;
    // BEGIN SOLUTION
    if (!Number.isSafeInteger(maxItems) || maxItems < 1) throw new RangeError(`maxItems is a whole number from 1, not ${maxItems}`);
    if (!(maxDelayMs >= 0) || !Number.isFinite(maxDelayMs)) throw new RangeError(`maxDelayMs is 0 or more, not ${maxDelayMs}`);
    // END SOLUTION
  }

  /**
   * Adds `item` to the batch that is filling up, and resolves once the flush of that batch has
   * resolved. Rejects with the flush's error when it fails; once a flush has failed, and once the
   * batcher is closed, rejects every item.
   */
  add(item: T): Promise<void> {
    // BEGIN SOLUTION
    if (this.#failure !== undefined) return Promise.reject(this.#refusal());
    if (this.#closed) return Promise.reject(new Error("the batcher is closed"));
    return new Promise<void>((resolve, reject) => {
      this.#open.push({ item, resolve, reject });
      if (this.#open.length === 1) this.#clock = this.#timers.setTimeout(() => this.#seal(), this.#maxDelayMs);
      if (this.#open.length >= this.#maxItems) this.#seal();
    });
    // STARTER
    // throw new Error("Not implemented yet: add (see the README)");
    // END SOLUTION
  }

  /** Flushes the batch that is filling up at once, and resolves once every flush has ended; `add` refuses items from then on. */
  async [Symbol.asyncDispose](): Promise<void> {
    // BEGIN SOLUTION
    this.#closed = true;
    if (this.#open.length > 0) this.#seal();
    await this.#flushing;
    // STARTER
    // throw new Error("Not implemented yet: dispose (see the README)");
    // END SOLUTION
  }
  // BEGIN SOLUTION

  /** The open batch is due: stop its clock, queue it, and start the flushing loop unless it runs. */
  #seal(): void {
    this.#timers.clearTimeout(this.#clock);
    this.#due.push(this.#open);
    this.#open = [];
    this.#flushing ??= this.#flushDue();
  }

  async #flushDue(): Promise<void> {
    for (let batch = this.#due.shift(); batch !== undefined; batch = this.#due.shift()) {
      try {
        if (this.#failure !== undefined) throw this.#refusal();
        await this.#flush(batch.map(({ item }) => item));
        for (const pending of batch) pending.resolve();
      } catch (error) {
        this.#failure ??= error instanceof Error ? error : new Error(String(error));
        for (const pending of batch) pending.reject(error);
      }
    }
    this.#flushing = undefined;
  }

  #refusal(): Error {
    return new Error(`the batcher refuses items since a flush failed: ${this.#failure?.message}`, { cause: this.#failure });
  }
  // END SOLUTION
}
