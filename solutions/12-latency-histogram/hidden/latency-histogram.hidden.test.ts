import { describe, expect, it } from "vitest";
import { LatencyHistogram } from "../latency-histogram.ts";

describe("LatencyHistogram, hidden", () => {
  it("refuses bounds that are not positive, finite and increasing", () => {
    for (const bounds of [[], [0, 1], [-1, 1], [1, 1], [2, 1], [1, Infinity], [1, Number.NaN]]) {
      expect(() => new LatencyHistogram(bounds), JSON.stringify(bounds)).toThrow(RangeError);
    }
  });

  it("answers Infinity for a percentile that falls in the overflow bucket", () => {
    const histogram = new LatencyHistogram([1, 2]);
    for (const sample of [0.5, 5, 6, 7]) histogram.record(sample);
    expect(histogram.percentile(25)).toBe(1);
    expect(histogram.percentile(26)).toBe(Infinity);
  });

  it("refuses a negative sample and NaN, and counts nothing for them", () => {
    const histogram = new LatencyHistogram([1]);
    expect(() => histogram.record(-0.1)).toThrow(RangeError);
    expect(() => histogram.record(Number.NaN)).toThrow(RangeError);
    expect(histogram.count).toBe(0);
    expect(histogram.counts()).toEqual([0, 0]);
  });

  it("keeps its own copy of the bounds, and gives out copies of its counts", () => {
    const bounds = [1, 2];
    const histogram = new LatencyHistogram(bounds);
    bounds[0] = 100;
    histogram.record(0.5);
    histogram.counts()[0] = 99;
    expect(histogram.bounds).toEqual([1, 2]);
    expect(histogram.counts()).toEqual([1, 0, 0]);
  });
});
