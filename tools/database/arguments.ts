/** The port `npm run database` listens on unless told otherwise: 5432 may be a system PostgreSQL's. */
export const DEFAULT_PORT = 5433;

/** The variable that moves the course's PostgreSQL to another port, as `CAR_SERVER_PORT` does the server. */
export const DATABASE_PORT_VARIABLE = "CAR_DATABASE_PORT";

/** What `npm run database --help` prints, and a wrong argument after its one line. */
export const USAGE = `usage: npm run database [-- [url | stop] [--port N]]

Runs a PostgreSQL for the course in the foreground, on 127.0.0.1 port ${DEFAULT_PORT} unless --port
or ${DATABASE_PORT_VARIABLE} says otherwise. Its data stays in data/postgres/ from one run to the
next. Ctrl-C stops it, and so does \`npm run database -- stop\` from another terminal;
\`npm run database -- url\` prints the URL to give the server (--database URL).`;

/** What `npm run database` is asked to do: run a server, print its URL, or stop the one running. */
export type DatabaseCommand = "run" | "url" | "stop";

/** What the command line asks for: help, a command on a port, or a mistake to report. */
export type DatabaseArguments =
  | { readonly help: true }
  | { readonly command: DatabaseCommand; readonly port: number }
  | { readonly mistake: string };

/**
 * Reads `npm run database`'s arguments: `--help`, then `url` or `stop` (or nothing: run), and
 * `--port N` or `--port=N`; the port comes from `CAR_DATABASE_PORT` when no `--port` is given.
 */
export function parseDatabaseArguments(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): DatabaseArguments {
  const fromEnvironment = env[DATABASE_PORT_VARIABLE] ?? "";
  let port: number | string = fromEnvironment === "" ? DEFAULT_PORT : fromEnvironment;
  let command: DatabaseCommand = "run";
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? "";
    if (arg === "--help" || arg === "-h") return { help: true };
    else if ((arg === "url" || arg === "stop") && index === 0) command = arg;
    else if (arg === "--port") port = args[++index] ?? "";
    else if (arg.startsWith("--port=")) port = arg.slice("--port=".length);
    else return { mistake: `unknown argument ${JSON.stringify(arg)}` };
  }
  if (typeof port === "string") {
    if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
      const given = port === "" ? "nothing" : JSON.stringify(port);
      return { mistake: `the port must be a number from 1 to 65535, not ${given}` };
    }
    port = Number(port);
  }
  return { command, port };
}
