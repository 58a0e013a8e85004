import net, { type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Address } from "#chapter-13/protocol/address.ts";
import { decodePayload, encodeFrame } from "#chapter-13/protocol/frame.ts";
import { FrameReader } from "#chapter-13/protocol/frame-reader.ts";
import { HELLO_REPLY } from "#chapter-13/protocol/hello.ts";
import type { Reply, Request } from "#chapter-13/protocol/messages.ts";
import { createCarActions } from "#chapter-13/server/car-actions.ts";
import { CarServer } from "#chapter-13/server/car-server.ts";
import { createSampleRegistry } from "#chapter-13/server/sample-registrations.ts";
import { addressWithNoServer, listen } from "#chapter-13/testing/listen.ts";
import { ConnectionPool } from "../connection-pool.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Chapter 14's server on a free port, with the sample cars. */
async function startCarServer(): Promise<{ server: CarServer; address: Address }> {
  const server = new CarServer(createCarActions({ registry: createSampleRegistry(), requestShutdown() {} }), { shutdownGraceMs: 100 });
  const address = await server.listen("127.0.0.1", 0);
  cleanups.push(() => server.close());
  return { server, address };
}

/** One connection of a fake server: its socket, and every request it received but HELLO. */
interface FakeConnection {
  socket: Socket;
  requests: Request[];
}

/**
 * A server of a few lines: it answers HELLO with `hello` (or closes, for undefined), and hands each
 * other request to `answer`, which replies, closes, or does nothing yet.
 */
async function fakeServer(hello: Reply | undefined, answer: (request: Request, connection: FakeConnection) => void) {
  const connections: FakeConnection[] = [];
  const server: Server = net.createServer(async (socket) => {
    socket.on("error", () => {});
    const connection: FakeConnection = { socket, requests: [] };
    connections.push(connection);
    const frames = new FrameReader(socket[Symbol.asyncIterator]());
    try {
      for (let payload = await frames.next(); payload !== undefined; payload = await frames.next()) {
        const request = decodePayload(payload) as Request;
        if (request[0] === "HELLO") {
          if (hello === undefined) socket.end();
          else if (!hello[0]) socket.end(encodeFrame(hello)); // a refusal ends a one-shot connection
          else socket.write(encodeFrame(hello));
          continue;
        }
        connection.requests.push(request);
        answer(request, connection);
      }
    } catch {
      socket.destroy();
    }
  });
  const address = await listen(server);
  cleanups.push(async () => {
    for (const { socket } of connections) socket.destroy();
    await server[Symbol.asyncDispose]();
  });
  return { address, connections };
}

/** The fake connections that received at least one request, as the request numbers each received. */
const echoed = (connections: FakeConnection[]) =>
  connections.filter(({ requests }) => requests.length > 0).map(({ requests }) => requests.map((request) => request[1]));

describe("ConnectionPool, hidden", () => {
  it("refuses a size that is not a whole number from 1 with a RangeError", async () => {
    const { address } = await startCarServer();
    for (const size of [0, -1, 1.5, Number.NaN]) {
      await expect(ConnectionPool.open(address, { size }), String(size)).rejects.toThrow(RangeError);
    }
  });

  it("falls back to a connection per request on a server of the original's design, which closes without answering HELLO", async () => {
    const { address } = await fakeServer(undefined, (request, { socket }) => void socket.end(encodeFrame([true, request[1]])));
    const pool = await ConnectionPool.open(address, { size: 2 });
    expect(pool.persistent).toBe(false);
    expect(await pool.request(["ECHO", "one-shot"])).toEqual([true, "one-shot"]);
  });

  it("rejects every request with a RequestError once every connection has failed, and retries no read then", async () => {
    const { address, connections } = await fakeServer(HELLO_REPLY, (_request, { socket }) => void socket.destroy());
    const pool = await ConnectionPool.open(address, { size: 1 });
    await expect(pool.request(["GET_CAR_DETAILS", "024 HYR"])).rejects.toMatchObject({ name: "RequestError" });
    expect(pool.connectionCount).toBe(0);
    await expect(pool.request(["GET_CAR_DETAILS", "024 HYR"])).rejects.toMatchObject({ name: "RequestError" });
    expect(connections.reduce((sum, { requests }) => sum + requests.length, 0)).toBe(1);
  });

  it("keeps a connection whose request could not even be encoded", async () => {
    const { address } = await startCarServer();
    const pool = await ConnectionPool.open(address, { size: 1 });
    cleanups.push(() => pool[Symbol.asyncDispose]());
    await expect(pool.request(["CHANGE_OWNER", "024 HYR", undefined])).rejects.toThrow();
    expect(pool.connectionCount).toBe(1);
    expect(await pool.request(["GET_CAR_DETAILS", "024 HYR"])).toEqual([true, 2, 97543, "Jack Lemon"]);
  });

  it("closes every connection it opened, on dispose, and on an open that fails half way", async () => {
    const { server, address } = await startCarServer();
    const pool = await ConnectionPool.open(address, { size: 3 });
    expect(server.connectionCount).toBe(3);
    await pool[Symbol.asyncDispose]();
    await until(() => server.connectionCount === 0);
    // A server that stops listening once it has its first connection: the pool's others are refused.
    let first: Socket | undefined;
    const stopping: Server = net.createServer((socket) => {
      first = socket;
      stopping.close();
      void new FrameReader(socket[Symbol.asyncIterator]()).next().then(() => socket.write(encodeFrame(HELLO_REPLY)));
    });
    const at = await listen(stopping);
    await expect(ConnectionPool.open(at, { size: 3 })).rejects.toMatchObject({ name: "RequestError", reason: "refused" });
    await until(() => first?.readableEnded === true || first?.destroyed === true);
    first?.destroy();
  });
});

/** Waits, a turn of the event loop at a time, until `condition` holds (the test's own limit stops a wait that never ends). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
