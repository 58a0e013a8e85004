/**
 * Which of the chapters' test files test something new. Snapshot N holds every test of chapters 1
 * to N, so a test file written in chapter 1 runs ten times, and when neither it nor any file it
 * reaches has changed since, nine of those runs repeat the first exactly. `npm test` runs each
 * test file only in the first snapshot where it, or something it reaches, is new.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type { Snapshot } from "../tangle/tangle.ts";

/** A relative path in a string literal: an import, a dynamic import, a `new URL(...)`. */
const RELATIVE_PATH = /["'](\.{1,2}\/[^"'\n]+)["']/g;

/**
 * For each snapshot, in chapter order, the test files (relative to the snapshot, `src/...`) whose
 * code differs from that of every test file of an earlier snapshot.
 */
export function distinctTestFiles(snapshots: readonly Snapshot[]): string[][] {
  const seen = new Set<string>();
  return snapshots.map((snapshot) => testFiles(snapshot).filter((file) => {
    const fingerprint = closureFingerprint(snapshot, file);
    if (seen.has(fingerprint)) return false;
    seen.add(fingerprint);
    return true;
  }));
}

/** The test files of a snapshot, sorted. */
function testFiles(snapshot: Snapshot): string[] {
  return [...snapshot.files.keys()].filter((file) => file.endsWith(".test.ts")).sort();
}

/**
 * A hash of the test file and of every file it reaches through a relative path, each with its
 * place in the snapshot. Any relative path in a string counts, not only imports, so a server
 * that a test starts by its file name is part of the test.
 */
function closureFingerprint(snapshot: Snapshot, testFile: string): string {
  const reached = new Map<string, string>();
  const visit = (file: string) => {
    const text = snapshot.files.get(file)?.content;
    if (text === undefined || reached.has(file)) return;
    reached.set(file, text);
    for (const [, relative = ""] of text.matchAll(RELATIVE_PATH)) {
      if (!relative.endsWith("/")) visit(path.posix.join(path.posix.dirname(file), relative));
    }
  };
  visit(testFile);
  const hash = createHash("sha256");
  for (const [file, text] of [...reached].sort(([a], [b]) => a.localeCompare(b))) hash.update(`${file}\0${text}\0`);
  return hash.digest("hex");
}
