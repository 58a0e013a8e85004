import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createCarActions } from "#chapter-05/server/car-actions.ts";
import { createSampleRegistry } from "#chapter-05/server/sample-registrations.ts";
import { listen } from "#chapter-05/testing/listen.ts";
import { encodeVersioned, IncompatibleVersionError, serveVersioned, versionedRequest } from "../versioned-connection.ts";

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => server[Symbol.asyncDispose]()));
});

async function startCarServer() {
  const actions = createCarActions({ registry: createSampleRegistry(), requestShutdown: () => {} });
  const server = createServer((socket) => {
    sockets.push(socket);
    void serveVersioned(socket, actions).catch(() => socket.destroy());
  });
  servers.push(server);
  return listen(server);
}

describe("versioned connections, hidden", () => {
  it("keeps serving after refusing a stranger", async () => {
    const address = await startCarServer();
    await expect(versionedRequest(address, ["GET_CAR_DETAILS", "024 HYR"], 1)).rejects.toBeInstanceOf(IncompatibleVersionError);
    expect(await versionedRequest(address, ["GET_CAR_DETAILS", "381 PFD"])).toEqual([true, 5, 21050, "Ada Byrne"]);
  });

  it("reads a request whose version byte arrives in a chunk of its own", async () => {
    const address = await startCarServer();
    const socket = connect(address.port, address.host);
    sockets.push(socket);
    await once(socket, "connect");
    const bytes = encodeVersioned(["GET_CAR_DETAILS", "024 HYR"], 2);
    socket.write(bytes.subarray(0, 1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.write(bytes.subarray(1));
    let reply = Buffer.alloc(0);
    for await (const chunk of socket) reply = Buffer.concat([reply, chunk as Buffer]);
    expect(reply[0]).toBe(2);
    expect(JSON.parse(reply.subarray(5).toString("utf8"))).toEqual([true, 2, 97543, "Jack Lemon"]);
  });
});
