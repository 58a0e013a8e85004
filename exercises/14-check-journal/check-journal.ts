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
  throw new Error("Not implemented yet: checkJournal (see the README)");
}
