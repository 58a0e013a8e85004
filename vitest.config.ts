import { defineConfig } from "vitest/config";
import { DISTINCT_TESTS_ONLY, distinctTestFiles } from "./tools/course/distinct-tests.ts";
import { SlowestFirst } from "./tools/course/slowest-first.ts";
import { readChapters } from "./tools/literate/chapters.ts";

/** Each chapter's snapshot is its own test project, so a failure names its chapter. */
const chapterSlugs = (await readChapters(import.meta.dirname)).map((chapter) => chapter.slug);
const snapshotDirs = chapterSlugs.map((slug) => `build/chapters/${slug}`);

/**
 * The test files of each chapter's project: all of them, or (in the whole `npm test`) only those
 * that test code no earlier chapter's tests have tested already.
 */
const chapterTests = process.env[DISTINCT_TESTS_ONLY] === "1"
  ? distinctTestFiles(snapshotDirs).map((files, index) => files.map((file) => `${snapshotDirs[index]}/${file}`))
  : snapshotDirs.map((dir) => [`${dir}/src/**/*.test.ts`]);

export default defineConfig({
  test: {
    // Vitest keeps one core for itself by default, which on a 2-core machine means one test file
    // at a time; most of the slow files wait on processes they started, so run two at once.
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
    // The projects below run their test files without a fresh module graph for each file
    // (isolate: false), which halves the time the chapters' hundred small files take. It is safe
    // because no test mocks modules, fakes timers or changes globals; a test that does must go
    // into a project of its own, with isolation.
    projects: [
      {
        // Many of these tests start processes (tsc, vitest, the course's programs), which take
        // seconds on a busy machine: a timeout is there to stop a hang, not to time them.
        test: { name: "tools", include: ["test/**/*.test.ts"], exclude: ["test/site/**"], testTimeout: 30_000, isolate: false },
      },
      {
        // Builds the site (npm run docs, before any test starts), then checks it over HTTP in
        // Debian's chromium, after the other projects, so the browser does not slow the
        // transcripts' servers down.
        test: {
          name: "site",
          include: ["test/site/**/*.test.ts"],
          globalSetup: ["test/site/global-setup.ts"],
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      ...chapterSlugs.map((slug, index) => ({
        test: { name: `chapter ${slug}`, include: chapterTests[index] ?? [], isolate: false },
      })),
    ],
  },
});
