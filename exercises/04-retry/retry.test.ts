import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { FrameDecoder } from "#chapter-03/protocol/frame-decoder.ts";
import { encodeFrame } from "#chapter-03/protocol/frame.ts";
import type { Reply } from "#chapter-03/protocol/messages.ts";
import type { Address } from "#chapter-03/protocol/address.ts";
import { addressWithNoServer, listen } from "#chapter-03/testing/listen.ts";
import { handleRequestWithRetry } from "./retry.ts";

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server[Symbol.asyncDispose]()));
});

/** A server that answers every request with `reply` (or with these raw bytes); counts the requests. */
function replyingServer(reply: Reply | Buffer) {
  const seen: unknown[] = [];
  const server = createServer((socket: Socket) => {
    const decoder = new FrameDecoder();
    socket.on("data", (chunk) => {
      for (const message of decoder.push(chunk)) {
        seen.push(message);
        socket.end(Buffer.isBuffer(reply) ? reply : encodeFrame(reply));
      }
    });
  });
  servers.push(server);
  return { server, seen };
}

async function startServer(reply: Reply | Buffer, address?: Address) {
  const { server, seen } = replyingServer(reply);
  if (address === undefined) return { address: await listen(server), seen };
  await new Promise<void>((resolve) => server.listen(address.port, address.host, resolve));
  return { address, seen };
}

describe("handleRequestWithRetry", () => {
  it("resolves with the reply of a server that answers at once, without retrying", async () => {
    const { address } = await startServer([true, 2, 97543, "Jack Lemon"]);
    const retries: number[] = [];
    const reply = await handleRequestWithRetry(address, ["GET_CAR_DETAILS", "024 HYR"], {
      attempts: 3, delayMs: 1, onRetry: (_error, attempt) => void retries.push(attempt),
    });
    expect(reply).toEqual([true, 2, 97543, "Jack Lemon"]);
    expect(retries).toEqual([]);
  });

  it("retries a refused connection, then gives up with the last error", async () => {
    const retries: number[] = [];
    const attempt = handleRequestWithRetry(await addressWithNoServer(), ["GET_CAR_DETAILS", "024 HYR"], {
      attempts: 3, delayMs: 1, onRetry: (_error, number) => void retries.push(number),
    });
    await expect(attempt).rejects.toMatchObject({ name: "RequestError", reason: "refused" });
    expect(retries).toEqual([1, 2]);
  });

  it("succeeds when the server comes up between attempts", async () => {
    const address = await addressWithNoServer();
    const reply = await handleRequestWithRetry(address, ["GET_CAR_DETAILS", "024 HYR"], {
      attempts: 2, delayMs: 1, onRetry: async () => void (await startServer([true, 2, 97543, "Jack Lemon"], address)),
    });
    expect(reply).toEqual([true, 2, 97543, "Jack Lemon"]);
  });

  it("does not retry a request the server answered with [false, message]", async () => {
    const { address, seen } = await startServer([false, "This license is not registered"]);
    const reply = await handleRequestWithRetry(address, ["GET_CAR_DETAILS", "XYZ"], { attempts: 3, delayMs: 1 });
    expect(reply).toEqual([false, "This license is not registered"]);
    expect(seen).toHaveLength(1);
  });

  it("does not retry after a broken reply, since the server may have acted on the request", async () => {
    const { address, seen } = await startServer(Buffer.from([0, 0, 0, 2, 0x7b, 0x7b]));
    const attempt = handleRequestWithRetry(address, ["CHANGE_MILEAGE", "024 HYR", 103491], { attempts: 3, delayMs: 1 });
    await expect(attempt).rejects.toMatchObject({ name: "RequestError", reason: "invalid-json" });
    expect(seen).toHaveLength(1);
  });
});
