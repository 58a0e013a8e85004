/**
 * `npm run database [-- --port N]`: runs the course's PostgreSQL in the foreground, its data kept
 * in data/postgres/, until Ctrl-C. Exit status: 0 once stopped, 1 when it cannot start (not
 * installed, port in use, or as the error says), 2 for a wrong argument.
 */
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { PostgresServer, postgresMissing } from "../../src/testing/postgres-server.ts";
import { parseDatabaseArguments, USAGE } from "./arguments.ts";

const FOLDER = "data/postgres";
const root = fileURLToPath(new URL("../../", import.meta.url));

/** Runs the command `args` asks for; resolves with the exit status. */
async function main(args: readonly string[]): Promise<number> {
  const parsed = parseDatabaseArguments(args);
  if ("help" in parsed) return said(USAGE, 0);
  if ("mistake" in parsed) return said(`npm run database: ${parsed.mistake}\n\n${USAGE}`, 2);
  if (postgresMissing !== undefined) {
    return said(`${postgresMissing}: install it, then run npm run database again`, 1);
  }
  if (await inUse(parsed.port)) {
    const advice = "is PostgreSQL for the course already running? Stop it, or choose another port";
    return said(`Port ${parsed.port} of 127.0.0.1 is in use: ${advice}: npm run database -- --port N`, 1);
  }
  let server: PostgresServer;
  try {
    server = await PostgresServer.startIn(`${root}${FOLDER}`, parsed.port);
  } catch (error) {
    return said(`PostgreSQL for the course could not start: ${(error as Error).message}`, 1);
  }
  console.log(`PostgreSQL for the course is running: DATABASE_URL=${server.url}`);
  console.log(`Its data is kept in ${FOLDER}/ (log: ${FOLDER}/server.log). Press Ctrl-C to stop it.`);
  await stopRequested();
  console.log("Stopping PostgreSQL...");
  try {
    await server.stop("fast");
  } catch (error) {
    return said((error as Error).message, 1);
  }
  console.log("PostgreSQL for the course has stopped.");
  return 0;
}

/** Prints `text`, to standard error unless the exit status is 0, and returns `status`. */
function said(text: string, status: number): number {
  if (status === 0) console.log(text);
  else console.error(text);
  return status;
}

/** Whether something listens on `port` of 127.0.0.1 already. */
async function inUse(port: number): Promise<boolean> {
  const server = createServer().listen(port, "127.0.0.1");
  try {
    await once(server, "listening");
    return false;
  } catch {
    return true;
  } finally {
    server.close();
  }
}

/**
 * Resolves at the first Ctrl-C (SIGINT), SIGTERM or SIGHUP (the terminal closed), or once the
 * process that started this one has gone: npm passes a SIGTERM to the shell it runs us in, which
 * dies without passing it on. The handlers stay: a second Ctrl-C, which npm passes on beside the
 * terminal's, must not kill this process before it has stopped PostgreSQL.
 */
async function stopRequested(): Promise<void> {
  const parent = process.ppid;
  let orphaned: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => resolve());
    // It also keeps this process alive, which a pending promise does not.
    orphaned = setInterval(() => process.ppid !== parent && resolve(), 1000);
  });
  clearInterval(orphaned);
}

process.exitCode = await main(process.argv.slice(2));
