import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Batcher, type Timers } from "../batcher.ts";

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
  return { timers, advance, now: () => now };
}

/** What happened, in the order it happened, at the manual clock's time. */
type Event =
  | { kind: "add"; item: number; at: number }
  | { kind: "start"; items: number[]; at: number }
  | { kind: "end"; at: number }
  | { kind: "resolved"; item: number; at: number };

describe("Batcher, hidden", () => {
  it("refuses a maxItems that is not a whole number from 1, and a maxDelayMs below 0 or not a number", () => {
    const flush = async () => {};
    for (const [maxItems, maxDelayMs] of [[0, 5], [1.5, 5], [Number.NaN, 5], [2, -1], [2, Number.NaN], [2, Infinity]] as const) {
      expect(() => new Batcher({ flush, maxItems, maxDelayMs }), `${maxItems}, ${maxDelayMs}`).toThrow(RangeError);
    }
  });

  it("flushes every item once, in order, in batches of 1 to maxItems, each due at maxItems or maxDelayMs, one at a time", async () => {
    const scenario = fc.record({
      maxItems: fc.integer({ min: 1, max: 5 }),
      maxDelayMs: fc.integer({ min: 0, max: 10 }),
      flushMs: fc.integer({ min: 0, max: 8 }),
      gaps: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 40 }),
    });
    await fc.assert(fc.asyncProperty(scenario, async ({ maxItems, maxDelayMs, flushMs, gaps }) => {
      const { timers, advance, now } = manualTimers();
      const events: Event[] = [];
      const flush = async (items: readonly number[]) => {
        events.push({ kind: "start", items: [...items], at: now() });
        await new Promise<void>((resolve) => timers.setTimeout(resolve, flushMs)); // the disk takes flushMs
        events.push({ kind: "end", at: now() });
      };
      const batcher = new Batcher({ flush, maxItems, maxDelayMs, timers });
      const added: Promise<void>[] = [];
      for (const [item, gap] of gaps.entries()) {
        await advance(gap);
        events.push({ kind: "add", item, at: now() });
        added.push(batcher.add(item).then(() => void events.push({ kind: "resolved", item, at: now() })));
      }
      await advance(1000);
      await Promise.all(added);

      const starts = events.filter((event) => event.kind === "start");
      expect(starts.flatMap((start) => start.items)).toEqual(gaps.map((_, item) => item));
      let previousEnd = -Infinity;
      let running = 0;
      for (const [index, event] of events.entries()) {
        if (event.kind === "start") {
          expect(running, "two flushes at once").toBe(0);
          running++;
          expect(event.items.length).toBeGreaterThanOrEqual(1);
          expect(event.items.length).toBeLessThanOrEqual(maxItems);
          const firstAdd = events.find((other) => other.kind === "add" && other.item === event.items[0])!.at;
          if (event.items.length < maxItems) {
            expect(event.at, `batch ${event.items} flushed before its delay`).toBeGreaterThanOrEqual(firstAdd + maxDelayMs);
          }
          expect(event.at, `batch ${event.items} flushed late`).toBeLessThanOrEqual(Math.max(firstAdd + maxDelayMs, previousEnd));
        } else if (event.kind === "end") {
          running--;
          previousEnd = event.at;
        } else if (event.kind === "resolved") {
          const start = events.findIndex((other) => other.kind === "start" && other.items.includes(event.item));
          const end = events.findIndex((other, at) => at > start && other.kind === "end");
          expect(end, `item ${event.item} resolved before its flush ended`).toBeGreaterThan(-1);
          expect(end).toBeLessThan(index);
        }
      }
    }), { numRuns: 150 });
  });

  it("rejects the batches waiting behind a failed flush without flushing them", async () => {
    const { timers } = manualTimers();
    const batches: number[][] = [];
    let fail!: (error: Error) => void;
    const flush = (items: readonly number[]) => {
      batches.push([...items]);
      return new Promise<void>((_resolve, reject) => (fail = reject));
    };
    const batcher = new Batcher({ flush, maxItems: 1, maxDelayMs: 5, timers });
    const added = [1, 2, 3].map((item) => batcher.add(item));
    await settle();
    fail(new Error("EIO"));
    const outcomes = await Promise.allSettled(added);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(batches).toEqual([[1]]);
  });

  it("waits, on dispose, for the flush in progress and every batch due", async () => {
    const { timers } = manualTimers();
    const batches: number[][] = [];
    let finishFirst!: () => void;
    const flush = async (items: readonly number[]) => {
      batches.push([...items]);
      if (batches.length === 1) await new Promise<void>((resolve) => (finishFirst = resolve));
    };
    const batcher = new Batcher({ flush, maxItems: 2, maxDelayMs: 5, timers });
    const added = [1, 2, 3].map((item) => batcher.add(item));
    let disposed = false;
    const disposing = batcher[Symbol.asyncDispose]().then(() => (disposed = true));
    await settle();
    expect(disposed).toBe(false);
    finishFirst();
    await disposing;
    expect(batches).toEqual([[1, 2], [3]]);
    await Promise.all(added);
  });

  it("uses Node's timers when given none", async () => {
    const batches: string[][] = [];
    const batcher = new Batcher<string>({ flush: async (items) => void batches.push([...items]), maxItems: 10, maxDelayMs: 1 });
    await Promise.all([batcher.add("a"), batcher.add("b"), batcher.add("c")]);
    expect(batches).toEqual([["a", "b", "c"]]);
  });
});
