import { open, readFile } from "node:fs/promises";
import { companionPath } from "#chapter-10/protocol/data-files.ts";
import { DataLock } from "#chapter-10/server/data-lock.ts";

/** What is wrong with a journal: the first problem found, reading from the start. */
export type JournalProblem =
  /** The last record has no newline: a crash cut its append short, before it was acknowledged. */
  | { kind: "torn"; offset: number; bytes: number }
  /** A whole line (with its newline) that is not a record: the file was changed, or the disk is failing. */
  | { kind: "damaged"; offset: number; record: number };

/** What {@link checkJournal} found, in the manner of `redis-check-aof`. */
export interface JournalReport {
  /** The journal's path: the data file's, with `.log` in place of `.json`. */
  path: string;
  /** The journal's size in bytes, as found (before any fix); 0 when there is no journal. */
  size: number;
  /** How many whole, valid records come before the first problem (all of them when there is none). */
  records: number;
  /** The byte offset just past the last of those records: everything before it can be replayed. */
  okUpTo: number;
  /** The first problem, or undefined when the journal is whole. */
  problem: JournalProblem | undefined;
  /** Whether the journal was cut back to `okUpTo`. */
  fixed: boolean;
}

/**
 * Checks the journal of the data file at `dataPath`, byte by byte, and reports the first problem
 * with its byte offset. With `fix`, cuts a torn last record off, holding the data file's lock
 * meanwhile; a damaged record is never cut, nor anything after it.
 *
 * @throws {DataFileInUseError} with `fix`, when a server that is still running uses the data file.
 */
export async function checkJournal(dataPath: string, options: { fix?: boolean } = {}): Promise<JournalReport> {
  // BEGIN SOLUTION
  const path = companionPath(dataPath, ".log");
  if (options.fix !== true) return { ...inspect(path, await readBytes(path)), fixed: false };
  const lock = await DataLock.acquire(dataPath); // no server may append while we cut
  try {
    const report = inspect(path, await readBytes(path));
    if (report.problem?.kind !== "torn") return { ...report, fixed: false };
    const file = await open(path, "r+");
    try {
      await file.truncate(report.okUpTo);
      await file.sync(); // a cut that is not on disk can come back after a power cut
    } finally {
      await file.close();
    }
    return { ...report, fixed: true };
  } finally {
    await lock.release();
  }
  // STARTER
  // throw new Error("Not implemented yet: checkJournal (see the README)");
  // END SOLUTION
}
// BEGIN SOLUTION

const NEWLINE = 0x0a;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The journal's bytes: none when there is no journal. */
async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return Buffer.alloc(0);
    throw error;
  }
}

/** Walks the lines in bytes (a newline byte never occurs inside a multibyte UTF-8 character). */
function inspect(path: string, bytes: Buffer): Omit<JournalReport, "fixed"> {
  const size = bytes.length;
  let start = 0;
  let records = 0;
  for (let end = bytes.indexOf(NEWLINE, start); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
    if (!isRecord(bytes.subarray(start, end))) {
      return { path, size, records, okUpTo: start, problem: { kind: "damaged", offset: start, record: records + 1 } };
    }
    records += 1;
    start = end + 1;
  }
  const problem: JournalProblem | undefined = start === size ? undefined : { kind: "torn", offset: start, bytes: size - start };
  return { path, size, records, okUpTo: start, problem };
}

/** Whether a line is a record as chapter 10's `readJournal` reads it, in valid UTF-8. */
function isRecord(line: Uint8Array): boolean {
  try {
    const record: unknown = JSON.parse(strictUtf8.decode(line));
    const change = typeof record === "object" && record !== null ? (record as { change?: unknown }).change : undefined;
    return Array.isArray(change) && typeof change[0] === "string" && typeof change[1] === "string";
  } catch {
    return false;
  }
}
// END SOLUTION
