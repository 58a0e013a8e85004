import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Reply } from "#chapter-17/protocol/messages.ts";
import { createStoreActions } from "#chapter-17/server/car-actions.ts";
import { createSchema } from "#chapter-17/server/postgres-schema.ts";
import { PostgresCarStore } from "#chapter-17/server/postgres-store.ts";
import { PostgresServer, skipWithoutPostgres } from "#chapter-17/testing/postgres-server.ts";
import * as firstProcess from "../transfer-owner.ts";

/**
 * The code as a second process would have it: a module of its own, so that nothing it keeps in
 * memory (a lock, say) is shared with the first; only the database is.
 */
const secondCopy = "../transfer-owner.ts?as-in-another-process";
const secondProcess = (await import(secondCopy)) as typeof firstProcess;

/** The PostgreSQL that the grader started for all the test files it runs, if it did. */
const graderPostgres = process.env["COURSE_POSTGRES_URL"];
/** Otherwise, one of this file's own, as chapter 17's tests start. */
let postgres: PostgresServer | undefined;
/** The URL of the file's database. */
let database: string;
let tests = 0;

/** Creates the file's database, on the grader's PostgreSQL or on one it starts. */
async function createDatabase(): Promise<string> {
  // A name that no other test file on the same PostgreSQL can pick.
  const name = `hidden_${randomUUID().replaceAll("-", "")}`;
  if (graderPostgres === undefined) {
    postgres = await PostgresServer.startTemporary();
    return postgres.createDatabase(name);
  }
  await runStatement(graderPostgres, `CREATE DATABASE ${name}`);
  const url = new URL(graderPostgres);
  url.pathname = `/${name}`;
  return url.href;
}

async function runStatement(url: string, statement: string): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * The cars of one test: a schema of its own in the file's database, in which a pool with these
 * settings finds its table (by its `search_path`), and the first server to open it creates the
 * table, with the sample cars. As good as a database per test, for a millisecond instead of a
 * quarter of a second.
 */
async function sampleCars(): Promise<pg.PoolConfig> {
  const schema = `test_${++tests}`;
  await runStatement(database, `CREATE SCHEMA ${schema}`);
  return { connectionString: database, options: `-c search_path=${schema}` };
}

/**
 * A server of chapter 17 on `cars`, running `code`: its own pool, and its dispatch table with
 * TRANSFER_OWNER.
 */
async function openServer(cars: pg.PoolConfig, code: typeof firstProcess) {
  const pool = new pg.Pool({ ...cars, max: 5 });
  await createSchema(pool);
  const actions = code.withTransferOwner(createStoreActions({ store: new PostgresCarStore(pool), requestShutdown() {} }), pool);
  const ask = async (action: string, ...args: unknown[]) => (await actions.get(action)!.run(args)) as Reply;
  // Every connection of the pool open before the test begins, so that requests sent together run together.
  await Promise.all(Array.from({ length: 5 }, () => pool.query("SELECT 1")));
  return { pool, ask };
}

type Server = Awaited<ReturnType<typeof openServer>>;

/**
 * Two servers on the sample cars, as two processes of `--workers 2`, or two machines, would be:
 * nothing is shared between them but the database.
 */
async function twoServers() {
  const cars = await sampleCars();
  const first = await openServer(cars, firstProcess);
  const second = await openServer(cars, secondProcess);
  return {
    first,
    second,
    async [Symbol.asyncDispose]() {
      await Promise.all([first.pool.end(), second.pool.end()]);
    },
  };
}

const ownerOf = async (server: Server, license: string) => (await server.ask("GET_CAR_DETAILS", license))[3];

/** The items in an order that looks random, the same on every run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const other = seed % (index + 1);
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

interface Transfer {
  readonly from: string;
  readonly to: string;
}

/**
 * Checks that the transfers told yes could have happened one at a time: starting from `first`,
 * each one's `from` is the owner the one before left, none is left over, and the car ends with
 * the last one's `to`; and that each of the others was told why. Every `to` is a new name, so an
 * owner can give the car away at most once.
 */
function expectOneChain(first: string, transfers: readonly Transfer[], replies: readonly Reply[], finalOwner: unknown): void {
  const told = transfers.filter((_, index) => replies[index]?.[0] === true);
  const chain = [first];
  for (let owner = first; ;) {
    const next = told.filter((transfer) => transfer.from === owner);
    const sold = `${owner} sold the car ${next.length} times, to ${next.map(({ to }) => to).join(" and ")}`;
    expect(next.length, sold).toBeLessThanOrEqual(1);
    if (next[0] === undefined) break;
    owner = next[0].to;
    chain.push(owner);
  }
  const yes = told.map(({ from, to }) => `${from} -> ${to}`).join(", ");
  expect(chain.length - 1, `told yes: ${yes}; they do not make one chain from ${first}`).toBe(told.length);
  expect(finalOwner, `the owner after ${chain.join(" -> ")}`).toBe(chain.at(-1));
  transfers.forEach(({ from }, index) => {
    if (replies[index]?.[0] !== true) expect(replies[index]).toEqual([false, `The car's owner is not ${from}`]);
  });
}

describe.skipIf(skipWithoutPostgres())("TRANSFER_OWNER, hidden", () => {
  beforeAll(async () => {
    database = await createDatabase();
  }, 60_000);

  afterAll(() => postgres?.[Symbol.asyncDispose]());

  it("lets exactly one of ten transfers from the same owner through, when they arrive at once through two servers", async () => {
    await using servers = await twoServers();
    for (const [license, owner] of [["024 HYR", "Jack Lemon"], ["381 PFD", "Ada Byrne"], ["ROCKET 9", "Priya Nair"]] as const) {
      const buyers = Array.from({ length: 10 }, (_, index) => `Buyer ${index} of ${license}`);
      const replies = await Promise.all(buyers.map((buyer, index) =>
        (index % 2 === 0 ? servers.first : servers.second).ask("TRANSFER_OWNER", license, owner, buyer)));
      const told = buyers.filter((_, index) => replies[index]?.[0] === true);
      expect(told, `the buyers of ${license} told yes`).toHaveLength(1);
      expect(replies.filter((reply) => reply[0] === false)).toEqual(Array(9).fill([false, `The car's owner is not ${owner}`]));
      expect(await ownerOf(servers.second, license)).toBe(told[0]);
    }
  });

  it("keeps a chain in step when its two links, A to B and B to C, arrive at once through two servers", async () => {
    await using servers = await twoServers();
    const cars = [["024 HYR", "Jack Lemon"], ["381 PFD", "Ada Byrne"], ["B 402 KX", "Tomás Ortega"], ["77 ZEN 1", "Li Wei"], ["ROCKET 9", "Priya Nair"]] as const;
    for (const [round, [license, owner]] of cars.entries()) {
      const links = [{ from: owner, to: "B" }, { from: "B", to: "C" }];
      const [a, b] = round % 2 === 0 ? [servers.first, servers.second] : [servers.second, servers.first];
      const replies = await Promise.all([a.ask("TRANSFER_OWNER", license, owner, "B"), b.ask("TRANSFER_OWNER", license, "B", "C")]);
      expect(replies[0], `${license}: ${owner} -> B`).toEqual([true, null]);
      expectOneChain(owner, links, replies, await ownerOf(a, license));
    }
  });

  it("tells yes only to transfers that make one unbroken chain of owners, when many compete at once through two servers", async () => {
    await using servers = await twoServers();
    for (const seed of [1, 2, 3]) {
      const license = "024 HYR";
      const first = String(await ownerOf(servers.first, license));
      const owners = [first, ...Array.from({ length: 5 }, (_, index) => `Owner ${index + 1} of round ${seed}`)];
      // Each owner hands the car on, and someone else tries to buy it from the same owner.
      const transfers = owners.slice(0, -1).flatMap((from, index): Transfer[] => [
        { from, to: owners[index + 1]! },
        { from, to: `Rival ${index + 1} of round ${seed}` },
      ]);
      const order = shuffled(transfers.map((_, index) => index), seed);
      const replies: Reply[] = [];
      await Promise.all(order.map(async (index, position) => {
        const { from, to } = transfers[index]!;
        replies[index] = await (position % 2 === 0 ? servers.first : servers.second).ask("TRANSFER_OWNER", license, from, to);
      }));
      expectOneChain(first, transfers, replies, await ownerOf(servers.first, license));
    }
  });

  it("sees at once the owner that a CHANGE_OWNER through the other server set", async () => {
    await using servers = await twoServers();
    expect(await servers.second.ask("CHANGE_OWNER", "024 HYR", "Grace Hopper")).toEqual([true, null]);
    expect(await servers.first.ask("TRANSFER_OWNER", "024 HYR", "Jack Lemon", "Li Wei")).toEqual([false, "The car's owner is not Jack Lemon"]);
    expect(await servers.first.ask("TRANSFER_OWNER", "024 HYR", "Grace Hopper", "Li Wei")).toEqual([true, null]);
    expect(await ownerOf(servers.second, "024 HYR")).toBe("Li Wei");
  });

  it("says 'not registered' or transfers, never 'not the owner', while the other server registers the car", async () => {
    await using servers = await twoServers();
    const licenses = Array.from({ length: 20 }, (_, index) => `NEW ${index}`);
    const replies = await Promise.all(licenses.map(async (license) => {
      const [registered, transferred] = await Promise.all([
        servers.second.ask("NEW_REGISTRATION", license, 4, 0, "Ann Smith"),
        servers.first.ask("TRANSFER_OWNER", license, "Ann Smith", "Bob Jones"),
      ]);
      expect(registered).toEqual([true, null]);
      return transferred;
    }));
    for (const [index, license] of licenses.entries()) {
      const reply = replies[index];
      expect([[true, null], [false, "This license is not registered"]], `${license}: ${JSON.stringify(reply)}`).toContainEqual(reply);
      expect(await ownerOf(servers.second, license), license).toBe(reply?.[0] === true ? "Bob Jones" : "Ann Smith");
    }
  });

  it("decides with one SQL statement, which checks and changes in one step, whatever it finds", async () => {
    await using servers = await twoServers();
    const sent = vi.spyOn(pg.Client.prototype, "query");
    try {
      for (const [license, from, answer] of [
        ["024 HYR", "Jack Lemon", "transferred"], ["024 HYR", "Jack Lemon", "not the owner"], ["NOBODY", "Jack Lemon", "not registered"],
      ] as const) {
        sent.mockClear();
        expect(await firstProcess.transferOwner(servers.first.pool, license, from, "Grace Hopper")).toBe(answer);
        const statements = sent.mock.calls.map(([query]) => String((query as { text?: unknown }).text ?? query).replace(/\s+/g, " ").trim());
        expect(statements.length, `to answer "${answer}", it sent ${statements.length}: ${statements.join("; ")}`).toBe(1);
      }
    } finally {
      sent.mockRestore();
    }
  });
});
