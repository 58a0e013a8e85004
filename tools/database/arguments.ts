/** The port `npm run database` listens on unless told otherwise: 5432 may be a system PostgreSQL's. */
export const DEFAULT_PORT = 5433;

/** What `npm run database --help` prints, and a wrong argument after its one line. */
export const USAGE = `usage: npm run database [-- --port N]

Runs a PostgreSQL for the course in the foreground, on 127.0.0.1 port ${DEFAULT_PORT} unless --port
says otherwise. Its data stays in data/postgres/ from one run to the next. Ctrl-C stops it.`;

/** What the command line asks for: help, a server on a port, or a mistake to report. */
export type DatabaseArguments =
  | { readonly help: true }
  | { readonly port: number }
  | { readonly mistake: string };

/** Reads `npm run database`'s arguments: `--help`, `--port N` or `--port=N`, nothing else. */
export function parseDatabaseArguments(args: readonly string[]): DatabaseArguments {
  let port = DEFAULT_PORT;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? "";
    let value: string | undefined;
    if (arg === "--help" || arg === "-h") return { help: true };
    else if (arg === "--port") value = args[++index];
    else if (arg.startsWith("--port=")) value = arg.slice("--port=".length);
    else return { mistake: `unknown argument ${JSON.stringify(arg)}` };
    if (value === undefined || !/^\d{1,5}$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
      const given = value === undefined ? "nothing" : JSON.stringify(value);
      return { mistake: `--port needs a port number from 1 to 65535, not ${given}` };
    }
    port = Number(value);
  }
  return { port };
}
