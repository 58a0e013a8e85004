import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { percentile } from "#chapter-13/bench/percentile.ts";
import { exponentialBounds, LatencyHistogram } from "./latency-histogram.ts";

/** A histogram with these bounds and these samples. */
function histogramOf(bounds: readonly number[], samples: readonly number[]): LatencyHistogram {
  const histogram = new LatencyHistogram(bounds);
  for (const sample of samples) histogram.record(sample);
  return histogram;
}

describe("exponentialBounds", () => {
  it("gives `count` bounds, each `factor` times the one before", () => {
    expect(exponentialBounds(1, 2, 5)).toEqual([1, 2, 4, 8, 16]);
    expect(exponentialBounds(0.5, 10, 3)).toEqual([0.5, 5, 50]);
  });
});

describe("LatencyHistogram", () => {
  it("counts a sample in the first bucket whose bound is at least the sample", () => {
    const histogram = histogramOf([1, 2, 4], [0, 0.5, 1, 1.5, 2, 3, 4]);
    expect(histogram.counts()).toEqual([3, 2, 2, 0]);
    expect(histogram.count).toBe(7);
  });

  it("counts samples above the last bound in the overflow bucket", () => {
    const histogram = histogramOf([1, 2], [2.5, 100, 1]);
    expect(histogram.counts()).toEqual([1, 0, 2]);
  });

  it("answers a percentile with the bound of the bucket that holds the nearest-rank sample", () => {
    // 90 fast requests and 10 slow ones: the median is fast, the 95th percentile slow.
    const samples = [...Array<number>(90).fill(0.7), ...Array<number>(10).fill(30)];
    const histogram = histogramOf(exponentialBounds(1, 2, 6), samples);
    expect(histogram.percentile(50)).toBe(1);
    expect(histogram.percentile(90)).toBe(1);
    expect(histogram.percentile(91)).toBe(32);
    expect(histogram.percentile(100)).toBe(32);
    expect(histogram.percentile(0)).toBe(1);
  });

  it("agrees with chapter 13's exact percentile: its answer is the first bound at or above it", () => {
    const bounds = exponentialBounds(0.25, 2, 8); // 0.25 ms to 32 ms
    const samples = fc.array(fc.double({ min: 0, max: 40, noNaN: true }), { minLength: 1, maxLength: 200 });
    fc.assert(fc.property(samples, fc.integer({ min: 0, max: 100 }), (values, p) => {
      const exact = percentile([...values].sort((a, b) => a - b), p);
      const expected = bounds.find((bound) => bound >= exact) ?? Infinity;
      expect(histogramOf(bounds, values).percentile(p)).toBe(expected);
    }));
  });

  it("refuses a percentile of no samples, and a p outside 0 to 100", () => {
    expect(() => new LatencyHistogram([1]).percentile(50)).toThrow(RangeError);
    const histogram = histogramOf([1], [0.5]);
    expect(() => histogram.percentile(-1)).toThrow(RangeError);
    expect(() => histogram.percentile(100.5)).toThrow(RangeError);
  });

  it("merges a histogram with the same bounds, and refuses one with others", () => {
    const first = histogramOf([1, 2], [0.5, 3]);
    first.merge(histogramOf([1, 2], [1.5, 1.5, 0.1]));
    expect(first.counts()).toEqual([2, 2, 1]);
    expect(first.count).toBe(5);
    expect(() => first.merge(new LatencyHistogram([1, 3]))).toThrow(RangeError);
  });
});
