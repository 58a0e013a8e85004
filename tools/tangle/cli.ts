/** `npm run tangle [-- --check]`: see {@link runTangle}. */
import { runTangle } from "./run-tangle.ts";

process.exitCode = await runTangle(process.cwd(), process.argv.slice(2), console);
