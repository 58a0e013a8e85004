import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { listen } from "#chapter-02/testing/listen.ts";
import { connectWithIdleTimeout, IdleTimeoutError } from "../idle-timeout.ts";

const servers: Server[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => server[Symbol.asyncDispose]()));
});

describe("connectWithIdleTimeout, hidden", () => {
  it("times out a server that goes quiet after it has said something", async () => {
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.write("hello");
    });
    servers.push(server);
    const connection = await connectWithIdleTimeout(await listen(server), 50);
    const received: string[] = [];
    const reading = (async () => {
      for await (const chunk of connection.socket) received.push(String(chunk));
    })();
    await expect(reading).rejects.toBeInstanceOf(IdleTimeoutError);
    expect(received).toEqual(["hello"]);
  });

  it("keeps the idle time on the error", async () => {
    const server = createServer((socket) => sockets.push(socket));
    servers.push(server);
    const connection = await connectWithIdleTimeout(await listen(server), 40);
    const error = await new Promise((resolve) => connection.socket.once("error", resolve));
    expect(error).toMatchObject({ name: "IdleTimeoutError", idleMs: 40 });
  });
});
