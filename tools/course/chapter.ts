/**
 * `npm run chapter -- N [command]`: the code as of chapter N, for students.
 *
 *   npm run chapter                     list the chapters
 *   npm run chapter -- N                tangle, type-check and test chapter N's code
 *   npm run chapter -- N server [args]  run the server as of chapter N
 *   npm run chapter -- N client [args]  run the client as of chapter N
 *   npm run chapter -- N run FILE [args] run any file of chapter N's code, e.g. src/protocol/show-frame.ts
 */
import { access } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chapterTitle, findChapter, readChapters, type Chapter } from "../literate/chapters.ts";
import { snapshotDir, writeSnapshots } from "../tangle/course.ts";
import { tangle, type Snapshot } from "../tangle/tangle.ts";
import { runCommand } from "../process/command.ts";
import { bin, exitQuietlyWhenOutputCloses } from "./node-tools.ts";
import { formatTypeErrors, typecheckSnapshot } from "./typecheck.ts";

const root = process.cwd();

const USAGE = `usage: npm run chapter -- N [server|client|run FILE] [args...]
  N                  tangle, type-check and test the code as of chapter N
  N server [args]    run src/server/main.ts as of chapter N
  N client [args]    run src/client/main.ts as of chapter N
  N run FILE [args]  run FILE (e.g. src/protocol/show-frame.ts) as of chapter N`;

/** The programs a chapter's code can have, by the name students type. */
const PROGRAMS: Record<string, string> = { server: "src/server/main.ts", client: "src/client/main.ts" };

/**
 * Tangles chapters 1..N only, so a problem in a later chapter does not stop this one, and writes
 * snapshot N (the others are not needed to run or test chapter N).
 */
async function snapshotOf(chapters: readonly Chapter[], chapter: Chapter): Promise<Snapshot | undefined> {
  const { snapshots, errors } = tangle(chapters.filter((c) => c.number <= chapter.number), chapters);
  const snapshot = snapshots.at(-1);
  if (errors.length > 0 || snapshot === undefined) {
    console.error(errors.map((error) => error.message).join("\n"));
    return undefined;
  }
  await writeSnapshots(root, [snapshot]);
  return snapshot;
}

async function checkAndTest(snapshot: Snapshot): Promise<number> {
  const dir = snapshotDir(snapshot);
  console.log(`The code as of chapter ${snapshot.chapter.number} is in ${dir}/:`);
  for (const file of snapshot.files.keys()) console.log(`  ${file}`);
  const errors = await typecheckSnapshot(root, snapshot);
  if (errors.length > 0) {
    console.error(formatTypeErrors(errors));
    return 1;
  }
  console.log(`✓ type-check of chapter ${snapshot.chapter.number} passed`);
  return (await runCommand([...bin.vitest, "run", "--project", `chapter ${snapshot.chapter.slug}`], { cwd: root, inherit: true })).code;
}

/**
 * Runs a file of the snapshot in this process, as `node --import tsx FILE args` would: this
 * process already compiles TypeScript, and a second Node would double the start-up time of
 * every command. The program sets the exit status itself; undefined means it is running.
 */
async function runProgram(snapshot: Snapshot, file: string, args: readonly string[]): Promise<number | undefined> {
  if (!snapshot.files.has(file)) {
    console.error(`chapter ${snapshot.chapter.number} has no ${file} yet; its files are:\n  ${[...snapshot.files.keys()].join("\n  ")}`);
    return 2;
  }
  const target = path.resolve(root, snapshotDir(snapshot), file);
  await access(target);
  process.argv = [process.argv[0] ?? process.execPath, target, ...args];
  await import(pathToFileURL(target).href);
  return undefined;
}

async function main(argv: readonly string[]): Promise<number | undefined> {
  const chapters = await readChapters(root);
  const [wanted, command, ...rest] = argv;
  if (wanted === undefined || wanted === "--help" || wanted === "-h") {
    console.log(USAGE + "\n\nChapters:");
    for (const chapter of chapters) console.log(`  ${String(chapter.number).padStart(2)}  ${chapterTitle(chapter)}  (${chapter.file})`);
    return 0;
  }
  const chapter = findChapter(chapters, wanted);
  if (chapter === undefined) {
    console.error(`no chapter ${JSON.stringify(wanted)}: the chapters are ${chapters.map((c) => c.number).join(", ")}\n${USAGE}`);
    return 2;
  }
  const snapshot = await snapshotOf(chapters, chapter);
  if (snapshot === undefined) return 1;
  if (command === undefined || command === "test") return checkAndTest(snapshot);
  const program = PROGRAMS[command];
  if (program !== undefined) return runProgram(snapshot, program, rest);
  if (command === "run" && rest[0] !== undefined) return runProgram(snapshot, rest[0], rest.slice(1));
  console.error(`unknown command ${JSON.stringify(command)}\n${USAGE}`);
  return 2;
}

exitQuietlyWhenOutputCloses();
const status = await main(process.argv.slice(2));
if (status !== undefined) process.exitCode = status;
