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
import { ConnectionPool } from "./connection-pool.ts";

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

describe("ConnectionPool", () => {
  it("opens `size` persistent connections and sends every request over them", async () => {
    const { server, address } = await startCarServer();
    const pool = await ConnectionPool.open(address, { size: 3 });
    cleanups.push(() => pool[Symbol.asyncDispose]());
    expect(pool.persistent).toBe(true);
    expect(pool.connectionCount).toBe(3);
    expect(server.connectionCount).toBe(3);
    const licenses = Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? "024 HYR" : "NOT HERE"));
    const replies = await Promise.all(licenses.map((license) => pool.request(["GET_CAR_DETAILS", license])));
    expect(replies).toEqual(licenses.map((license) =>
      license === "024 HYR" ? [true, 2, 97543, "Jack Lemon"] : [false, "This license is not registered"]));
    expect(server.connectionCount).toBe(3);
  });

  it("sends each request on the connection with the fewest requests waiting, the earliest on a tie", async () => {
    const { address, connections } = await fakeServer(HELLO_REPLY, () => {}); // holds every reply
    const pool = await ConnectionPool.open(address, { size: 3 });
    const first = Array.from({ length: 6 }, (_, index) => pool.request(["ECHO", index]));
    await until(() => connections.reduce((sum, { requests }) => sum + requests.length, 0) === 6);
    expect(echoed(connections).sort()).toEqual([[0, 3], [1, 4], [2, 5]]);
    // The connection that has 0 and 3 answers them: it has no request waiting, the others two each.
    const quick = connections.find(({ requests }) => requests[0]?.[1] === 0)!;
    for (const request of quick.requests) quick.socket.write(encodeFrame([true, request[1]]));
    expect(await Promise.all([first[0], first[3]])).toEqual([[true, 0], [true, 3]]);
    const second = [pool.request(["ECHO", 6]), pool.request(["ECHO", 7])]; // 1 waiting on the quick one, 2 on the others
    await until(() => quick.requests.length === 4);
    expect(quick.requests.map((request) => request[1])).toEqual([0, 3, 6, 7]);
    for (const { socket } of connections) socket.destroy(); // fails the requests still waiting
    await Promise.allSettled([...first, ...second]);
  });

  it("falls back to a connection per request on a server that does not keep connections open", async () => {
    // A server older than chapter 14: HELLO is an unknown action, and every connection carries one request.
    const { address, connections } = await fakeServer([false, 'Unknown action "HELLO"'], (request, { socket }) => {
      socket.end(encodeFrame([true, request[1]]));
    });
    const pool = await ConnectionPool.open(address, { size: 3 });
    expect(pool.persistent).toBe(false);
    expect(pool.connectionCount).toBe(0);
    expect(await Promise.all([1, 2, 3].map((index) => pool.request(["ECHO", index])))).toEqual([[true, 1], [true, 2], [true, 3]]);
    expect(echoed(connections).sort()).toEqual([[1], [2], [3]]);
  });

  it("rejects open with the RequestError of a server that is not there", async () => {
    const { port } = await addressWithNoServer();
    await expect(ConnectionPool.open({ host: "127.0.0.1", port }, { size: 2 })).rejects.toMatchObject({ name: "RequestError", reason: "refused" });
  });

  it("takes a connection whose request failed out of the pool, and sends later requests on the others", async () => {
    const { address, connections } = await fakeServer(HELLO_REPLY, (request, { socket }) => {
      if (request[0] === "BREAK") socket.destroy();
      else socket.write(encodeFrame([true, request[1]]));
    });
    const pool = await ConnectionPool.open(address, { size: 2 });
    cleanups.push(() => pool[Symbol.asyncDispose]());
    await expect(pool.request(["BREAK", 0])).rejects.toMatchObject({ name: "RequestError" });
    expect(pool.connectionCount).toBe(1);
    expect(await Promise.all([1, 2, 3].map((index) => pool.request(["ECHO", index])))).toEqual([[true, 1], [true, 2], [true, 3]]);
    expect(echoed(connections).sort()).toEqual([[0], [1, 2, 3]]);
  });

  it("sends a read that failed with its connection once more, on another; never a write", async () => {
    let breakNext = true;
    const { address } = await fakeServer(HELLO_REPLY, (request, { socket }) => {
      if (breakNext) socket.destroy(); // the first request after each `breakNext = true` loses its connection
      else socket.write(encodeFrame([true, request[0]]));
      breakNext = false;
    });
    const pool = await ConnectionPool.open(address, { size: 3 });
    cleanups.push(() => pool[Symbol.asyncDispose]());
    expect(await pool.request(["GET_CAR_DETAILS", "024 HYR"])).toEqual([true, "GET_CAR_DETAILS"]);
    expect(pool.connectionCount).toBe(2);
    breakNext = true;
    await expect(pool.request(["CHANGE_OWNER", "024 HYR", "Jill Lemon"])).rejects.toMatchObject({ name: "RequestError" });
    expect(pool.connectionCount).toBe(1);
  });
});

/** Waits, a turn of the event loop at a time, until `condition` holds (the test's own limit stops a wait that never ends). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
