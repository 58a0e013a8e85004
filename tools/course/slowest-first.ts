/**
 * The order vitest starts the course's test files in: the few slow ones first, then the rest.
 *
 * Vitest's own order runs one project after another, and without its cache (a fresh clone, CI)
 * it knows nothing of durations; the tools' project, which holds the transcripts and the grading
 * tests, would start last and keep one worker busy long after the others finished. A slow file
 * started first overlaps with the many quick ones instead.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that take tens of seconds, slowest first, as path endings. A file missing here only
 * starts later than it could; keep the list to the few that start many processes.
 */
export const SLOW_TEST_FILES = [
  "test/transcripts.test.ts",
  "test/exercises/grade.test.ts",
  "test/exercises/exercise-cli.test.ts",
  "test/exercises/grade-cli.test.ts",
  "src/server/crash-loop.test.ts",
  "test/exercises/instructor/done-when.test.ts",
  "test/exercises/instructor/honesty.test.ts",
  "test/site/browser.test.ts",
  "src/protocol/pickle/python-round-trip.test.ts",
  "test/e2e/walkthrough.test.ts",
  "src/server/fuzz.test.ts",
];

/** Vitest's sequencer, with {@link SLOW_TEST_FILES} moved to the front of their group (`sequence.groupOrder`). */
export class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = SLOW_TEST_FILES.findIndex((ending) => file.moduleId.endsWith(ending));
      return index === -1 ? SLOW_TEST_FILES.length : index;
    };
    const group = (file: TestSpecification) => file.project.config.sequence.groupOrder;
    return (await super.sort(files)).map((file, order) => ({ file, order, rank: rank(file) }))
      .sort((a, b) => group(a.file) - group(b.file) || a.rank - b.rank || a.order - b.order)
      .map(({ file }) => file);
  }
}
