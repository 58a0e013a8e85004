import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Address } from "#chapter-05/protocol/address.ts";
import { createCarActions } from "#chapter-05/server/car-actions.ts";
import { createSampleRegistry } from "#chapter-05/server/sample-registrations.ts";
import { listen } from "#chapter-05/testing/listen.ts";
import {
  encodeVersioned, IncompatibleVersionError, PROTOCOL_VERSION, readVersionedMessage, serveVersioned, versionedRequest,
} from "./versioned-connection.ts";

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => server[Symbol.asyncDispose]()));
});

async function startServer(onConnection: (socket: Socket) => void): Promise<Address> {
  const server = createServer((socket) => {
    sockets.push(socket);
    onConnection(socket);
  });
  servers.push(server);
  return listen(server);
}

/** A car server of version 2 that serves every connection with `serveVersioned`. */
async function startCarServer() {
  const registry = createSampleRegistry();
  const actions = createCarActions({ registry, requestShutdown: () => {} });
  // A handler that fails closes the connection, so that the client hears of it at once.
  const address = await startServer((socket) => void serveVersioned(socket, actions).catch(() => socket.destroy()));
  return { address, registry };
}

/** Sends raw bytes, as an old or a foreign client would, and reads the versioned reply. */
async function rawRequest(address: Address, bytes: Buffer) {
  const socket = connect(address.port, address.host);
  sockets.push(socket);
  await once(socket, "connect");
  socket.write(bytes);
  return readVersionedMessage(socket[Symbol.asyncIterator]());
}

describe("a versioned client and server", () => {
  it("talk as before when they speak the same version", async () => {
    const { address } = await startCarServer();
    expect(await versionedRequest(address, ["GET_CAR_DETAILS", "024 HYR"])).toEqual([true, 2, 97543, "Jack Lemon"]);
  });
});

describe("serveVersioned", () => {
  it("answers in its own version", async () => {
    const { address } = await startCarServer();
    const reply = await rawRequest(address, encodeVersioned(["GET_CAR_DETAILS", "024 HYR"], PROTOCOL_VERSION));
    expect(reply).toEqual({ version: PROTOCOL_VERSION, message: [true, 2, 97543, "Jack Lemon"] });
  });

  it("refuses a request of another version, naming both versions", async () => {
    const { address } = await startCarServer();
    const reply = await rawRequest(address, encodeVersioned(["GET_CAR_DETAILS", "024 HYR"], 1));
    expect(reply).toEqual({ version: 2, message: [false, "Incompatible protocol version 1: this server speaks version 2"] });
  });

  it("does not run a request of another version", async () => {
    const { address, registry } = await startCarServer();
    await rawRequest(address, encodeVersioned(["CHANGE_MILEAGE", "024 HYR", 200000], 1));
    expect(registry.get("024 HYR")?.mileage).toBe(97543);
  });
});

describe("versionedRequest", () => {
  it("rejects a reply of another version with an IncompatibleVersionError that names both", async () => {
    const address = await startServer((socket) => {
      socket.once("data", () => socket.end(encodeVersioned([true, "from the future"], 3)));
    });
    const attempt = versionedRequest(address, ["GET_CAR_DETAILS", "024 HYR"]);
    await expect(attempt).rejects.toBeInstanceOf(IncompatibleVersionError);
    await expect(versionedRequest(address, ["GET_CAR_DETAILS", "024 HYR"])).rejects.toThrow(
      "The server speaks protocol version 3; this client speaks version 2",
    );
  });

  it("sends the version byte before the frame", async () => {
    let received: Promise<unknown> | undefined;
    const address = await startServer((socket) => {
      received = readVersionedMessage(socket.iterator({ destroyOnReturn: false })).then((request) => {
        socket.end(encodeVersioned([true, null], 7));
        return request;
      });
    });
    await versionedRequest(address, ["SHUTDOWN"], 7);
    expect(await received).toEqual({ version: 7, message: ["SHUTDOWN"] });
  });
});
