/**
 * `npm run database [-- [url | stop] [--port N]]`: runs the course's PostgreSQL in the foreground,
 * its data kept in data/postgres/, until Ctrl-C or `npm run database -- stop`; `url` prints the URL
 * to give the server. Exit status: 0 once stopped, 1 when it cannot start (not installed, port in
 * use, or as the error says), 2 for a wrong argument.
 */
import { once } from "node:events";
import { access } from "node:fs/promises";
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
  if (parsed.command === "url") return said(urlOf(parsed.port), 0);
  if (postgresMissing !== undefined) {
    return said(`${postgresMissing}: install it, then run npm run database again`, 1);
  }
  if (parsed.command === "stop") {
    const stopped = await PostgresServer.stopIn(`${root}${FOLDER}`);
    return said(stopped ? "PostgreSQL for the course has stopped." : "PostgreSQL for the course is not running.", 0);
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
  await stopRequested(`${root}${FOLDER}/cluster/postmaster.pid`);
  console.log("Stopping PostgreSQL...");
  try {
    await server.stop("fast");
  } catch (error) {
    return said((error as Error).message, 1);
  }
  console.log("PostgreSQL for the course has stopped.");
  return 0;
}

/** The URL of the course's database on `port`, as its superuser. */
function urlOf(port: number): string {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
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
 * Resolves at the first Ctrl-C (SIGINT), SIGTERM or SIGHUP (the terminal closed); once the
 * process that started this one has gone (npm passes a SIGTERM to the shell it runs us in, which
 * dies without passing it on); or once PostgreSQL has stopped, its `pidFile` gone
 * (`npm run database -- stop`). The handlers stay: a second Ctrl-C, which npm passes on beside the
 * terminal's, must not kill this process before it has stopped PostgreSQL.
 */
async function stopRequested(pidFile: string): Promise<void> {
  const parent = process.ppid;
  let watching: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => resolve());
    // It also keeps this process alive, which a pending promise does not.
    watching = setInterval(() => {
      if (process.ppid !== parent) resolve();
      void access(pidFile).catch(() => resolve());
    }, 1000);
  });
  clearInterval(watching);
}

process.exitCode = await main(process.argv.slice(2));
