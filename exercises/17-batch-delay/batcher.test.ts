import { describe, expect, it } from "vitest";
import { Batcher, type Timers } from "./batcher.ts";

/** Lets every promise that can settle now settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Timers that fire only when the test moves the clock with `advance(ms)`, in the order they are due. */
function manualTimers() {
  let now = 0;
  let nextId = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    setTimeout(callback, ms) {
      pending.set(nextId, { at: now + ms, callback });
      return nextId++;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  async function advance(ms: number): Promise<void> {
    const until = now + ms;
    for (;;) {
      const [id, due] = [...pending].filter(([, timer]) => timer.at <= until).sort(([, a], [, b]) => a.at - b.at)[0] ?? [];
      if (id === undefined || due === undefined) break;
      pending.delete(id);
      now = due.at;
      due.callback();
      await settle();
    }
    now = until;
    await settle();
  }
  return { timers, advance };
}

/** A flush that records each batch, and resolves it at once, or when the test says (`held`). */
function recordingFlush({ held = false } = {}) {
  const batches: number[][] = [];
  const finish: ((error?: Error) => void)[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const flush = async (items: readonly number[]) => {
    batches.push([...items]);
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    try {
      if (held) {
        await new Promise<void>((resolve, reject) => finish.push((error) => (error ? reject(error) : resolve())));
      }
    } finally {
      running--;
    }
  };
  return { flush, batches, finish, mostAtOnce: () => mostAtOnce };
}

/** Whether each promise has settled yet, and how. */
function watch(promises: Promise<void>[]) {
  const states = promises.map(() => "waiting");
  promises.forEach((promise, index) => promise.then(() => (states[index] = "resolved"), () => (states[index] = "rejected")));
  return states;
}

describe("Batcher", () => {
  it("flushes a batch maxDelayMs after its first item, with every item added meanwhile", async () => {
    const { timers, advance } = manualTimers();
    const { flush, batches } = recordingFlush();
    const batcher = new Batcher({ flush, maxItems: 10, maxDelayMs: 5, timers });
    void batcher.add(1);
    await advance(3);
    void batcher.add(2);
    await advance(1);
    expect(batches).toEqual([]);
    await advance(1); // 5 ms after the first item
    expect(batches).toEqual([[1, 2]]);
    void batcher.add(3); // the first item of a new batch, with a new clock
    await advance(4);
    expect(batches).toEqual([[1, 2]]);
    await advance(1);
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it("resolves each add only once the flush of its batch has resolved", async () => {
    const { timers, advance } = manualTimers();
    const { flush, batches, finish } = recordingFlush({ held: true });
    const batcher = new Batcher({ flush, maxItems: 10, maxDelayMs: 5, timers });
    const states = watch([batcher.add(1), batcher.add(2)]);
    await advance(5);
    expect(batches).toEqual([[1, 2]]);
    expect(states).toEqual(["waiting", "waiting"]); // flushing is not flushed
    finish[0]?.();
    await settle();
    expect(states).toEqual(["resolved", "resolved"]);
  });

  it("flushes a batch at once when it holds maxItems items, and stops its clock", async () => {
    const { timers, advance } = manualTimers();
    const { flush, batches } = recordingFlush();
    const batcher = new Batcher({ flush, maxItems: 3, maxDelayMs: 5, timers });
    void batcher.add(1);
    void batcher.add(2);
    await advance(2);
    void batcher.add(3);
    await settle();
    expect(batches).toEqual([[1, 2, 3]]); // without waiting for the clock
    void batcher.add(4); // at 2 ms: its batch is due at 7 ms
    await advance(3); // 5 ms: when the full batch would have been due
    expect(batches).toEqual([[1, 2, 3]]);
    await advance(2);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it("runs one flush at a time: a batch due during a flush waits for it, and batches go in order", async () => {
    const { timers, advance } = manualTimers();
    const { flush, batches, finish, mostAtOnce } = recordingFlush({ held: true });
    const batcher = new Batcher({ flush, maxItems: 2, maxDelayMs: 5, timers });
    const added = [1, 2, 3, 4, 5].map((item) => batcher.add(item)); // [1, 2] and [3, 4] are full, [5] fills up
    await settle();
    expect(batches).toEqual([[1, 2]]);
    await advance(5); // [5] is due too, and waits behind [3, 4]
    expect(batches).toEqual([[1, 2]]);
    finish[0]?.();
    await settle();
    expect(batches).toEqual([[1, 2], [3, 4]]);
    finish[1]?.();
    await settle();
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    finish[2]?.();
    await Promise.all(added);
    expect(mostAtOnce()).toBe(1);
  });

  it("rejects every item of a batch whose flush fails, and refuses every later item without flushing", async () => {
    const { timers } = manualTimers();
    const { flush, batches, finish } = recordingFlush({ held: true });
    const batcher = new Batcher({ flush, maxItems: 2, maxDelayMs: 5, timers });
    const batch = [batcher.add(1), batcher.add(2)];
    await settle();
    finish[0]?.(new Error("EIO: i/o error, fdatasync"));
    for (const item of batch) await expect(item).rejects.toThrow("EIO");
    await expect(batcher.add(3)).rejects.toThrow("the batcher refuses items since a flush failed: EIO: i/o error, fdatasync");
    expect(batches).toEqual([[1, 2]]);
  });

  it("flushes the batch filling up at once on dispose, waits for it, and refuses items after", async () => {
    const { timers } = manualTimers();
    const { flush, batches } = recordingFlush();
    const batcher = new Batcher({ flush, maxItems: 10, maxDelayMs: 5, timers });
    const first = batcher.add(1);
    await batcher[Symbol.asyncDispose]();
    expect(batches).toEqual([[1]]);
    await expect(first).resolves.toBeUndefined();
    await expect(batcher.add(2)).rejects.toThrow("the batcher is closed");
  });
});
