import { describe, expect, it } from "vitest";
import { addressWithNoServer } from "#chapter-03/testing/listen.ts";
import { handleRequestWithRetry } from "../retry.ts";

describe("handleRequestWithRetry, hidden", () => {
  it("makes exactly one attempt when attempts is 1", async () => {
    let retries = 0;
    await expect(
      handleRequestWithRetry(await addressWithNoServer(), ["GET_CAR_DETAILS", "024 HYR"], {
        attempts: 1, delayMs: 1, onRetry: () => void (retries += 1),
      }),
    ).rejects.toMatchObject({ reason: "refused" });
    expect(retries).toBe(0);
  });

  it("passes each retried attempt's error to onRetry", async () => {
    const errors: unknown[] = [];
    await handleRequestWithRetry(await addressWithNoServer(), ["GET_CAR_DETAILS", "024 HYR"], {
      attempts: 2, delayMs: 1, onRetry: (error) => void errors.push(error),
    }).catch(() => undefined);
    expect(errors).toEqual([expect.objectContaining({ name: "RequestError", reason: "refused" })]);
  });
});
