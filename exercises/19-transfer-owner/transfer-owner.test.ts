import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStoreActions } from "#chapter-17/server/car-actions.ts";
import { createSchema } from "#chapter-17/server/postgres-schema.ts";
import { PostgresCarStore } from "#chapter-17/server/postgres-store.ts";
import { PostgresServer, skipWithoutPostgres } from "#chapter-17/testing/postgres-server.ts";
import { transferOwner, withTransferOwner } from "./transfer-owner.ts";

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
  const name = `transfer_${randomUUID().replaceAll("-", "")}`;
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
 * A server of chapter 17 on `cars`, as far as the tests need one: its pool, and its dispatch table
 * (createStoreActions' with TRANSFER_OWNER), asked as a client would.
 */
async function openServer(cars: pg.PoolConfig) {
  const pool = new pg.Pool(cars);
  await createSchema(pool);
  const actions = withTransferOwner(createStoreActions({ store: new PostgresCarStore(pool), requestShutdown() {} }), pool);
  const ask = async (action: string, ...args: unknown[]) => actions.get(action)!.run(args);
  return { pool, ask, [Symbol.asyncDispose]: () => pool.end() };
}

describe.skipIf(skipWithoutPostgres())("TRANSFER_OWNER", () => {
  beforeAll(async () => {
    database = await createDatabase();
  }, 60_000);

  afterAll(() => postgres?.[Symbol.asyncDispose]());

  it("refuses a blank new owner, and leaves the car as it was", async () => {
    await using server = await openServer(await sampleCars());
    expect(await server.ask("TRANSFER_OWNER", "024 HYR", "Jack Lemon", " ")).toEqual([false, "Cannot set an empty owner"]);
    expect(await server.ask("GET_CAR_DETAILS", "024 HYR")).toEqual([true, 2, 97543, "Jack Lemon"]);
  });

  it("says when the license is not registered", async () => {
    await using server = await openServer(await sampleCars());
    expect(await server.ask("TRANSFER_OWNER", "NOBODY 1", "Jack Lemon", "Ada Byrne")).toEqual([false, "This license is not registered"]);
    expect(await transferOwner(server.pool, "024 hyr", "Jack Lemon", "Ada Byrne")).toBe("not registered");
  });

  it("makes the new owner the owner when the one who transfers the car owns it", async () => {
    await using server = await openServer(await sampleCars());
    expect(await server.ask("TRANSFER_OWNER", "024 HYR", "Jack Lemon", "Grace Hopper")).toEqual([true, null]);
    expect(await server.ask("GET_CAR_DETAILS", "024 HYR")).toEqual([true, 2, 97543, "Grace Hopper"]);
    expect(await transferOwner(server.pool, "381 PFD", "Ada Byrne", "Li Wei")).toBe("transferred");
    expect(await server.ask("GET_CAR_DETAILS", "381 PFD")).toEqual([true, 5, 21050, "Li Wei"]);
  });

  it("refuses a transfer from someone who does not own the car, and leaves the car as it was", async () => {
    await using server = await openServer(await sampleCars());
    expect(await server.ask("TRANSFER_OWNER", "024 HYR", "Ada Byrne", "Grace Hopper")).toEqual([false, "The car's owner is not Ada Byrne"]);
    expect(await transferOwner(server.pool, "024 HYR", "Ada Byrne", "Grace Hopper")).toBe("not the owner");
    expect(await server.ask("GET_CAR_DETAILS", "024 HYR")).toEqual([true, 2, 97543, "Jack Lemon"]);
  });
});
