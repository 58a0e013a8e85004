import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { addressWithNoServer, listen } from "#chapter-02/testing/listen.ts";
import { connectWithIdleTimeout, IdleTimeoutError } from "./idle-timeout.ts";

const servers: Server[] = [];
const sockets: Socket[] = [];

/** A server on 127.0.0.1 that does `onConnection` with each connection; closed after each test. */
async function startServer(onConnection: (socket: Socket) => void) {
  const server = createServer((socket) => {
    sockets.push(socket);
    onConnection(socket);
  });
  servers.push(server);
  return listen(server);
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => server[Symbol.asyncDispose]()));
});

/** Reads the socket to its end; resolves with the text, rejects with the socket's error. */
async function readAll(socket: Socket): Promise<string> {
  let text = "";
  for await (const chunk of socket) text += String(chunk);
  return text;
}

describe("connectWithIdleTimeout", () => {
  it("ends a read from a silent server with an IdleTimeoutError", async () => {
    const address = await startServer(() => {});
    const connection = await connectWithIdleTimeout(address, 50);
    await expect(readAll(connection.socket)).rejects.toBeInstanceOf(IdleTimeoutError);
  });

  it("says in the error how long the connection was idle", async () => {
    const address = await startServer(() => {});
    const connection = await connectWithIdleTimeout(address, 60);
    await expect(readAll(connection.socket)).rejects.toThrow("the connection was idle for 60 ms");
  });

  it("leaves a busy connection alone", async () => {
    const address = await startServer((socket) => {
      let sent = 0;
      const timer = setInterval(() => {
        socket.write(`${sent}`);
        if (++sent === 5) {
          clearInterval(timer);
          socket.end();
        }
      }, 5);
    });
    const connection = await connectWithIdleTimeout(address, 2_000);
    expect(await readAll(connection.socket)).toBe("01234");
  });

  it("can still be disposed of after the timeout", async () => {
    const address = await startServer(() => {});
    const connection = await connectWithIdleTimeout(address, 30);
    await readAll(connection.socket).catch(() => undefined);
    await expect(connection[Symbol.asyncDispose]()).resolves.toBeUndefined();
  });

  it("rejects with the connection error when nothing listens", async () => {
    await expect(connectWithIdleTimeout(await addressWithNoServer(), 50)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});
