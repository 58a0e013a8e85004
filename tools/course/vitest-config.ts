/**
 * The course's test projects, in one place: `vitest.config.ts` gives them to vitest run by hand,
 * and `npm test` to the vitest it runs in its own process, with the chapters it has just tangled.
 */
import type { TestUserConfig } from "vitest/node";
import { SlowestFirst } from "./slowest-first.ts";

/**
 * A test project of the chapters' code: its name (`chapter 05-server` for one chapter's), and
 * the test files it runs.
 */
export interface ChapterTests {
  readonly name: string;
  readonly include: readonly string[];
}

/** Every test file of the snapshot of the chapter `slug`, for vitest run by hand. */
export function allTestsOf(slug: string): ChapterTests {
  return { name: chapterProject(slug), include: [`build/chapters/${slug}/src/**/*.test.ts`] };
}

/** The name of the test project of one chapter's code. */
export function chapterProject(slug: string): string {
  return `chapter ${slug}`;
}

/** The test configuration: the tools' tests, the site's, and the projects of the chapters' code. */
export function courseTestConfig(chapters: readonly ChapterTests[]): TestUserConfig {
  return {
    // Vitest keeps one core for itself by default, which on a 2-core machine means one test file
    // at a time. Most of the slow files wait on processes they started, and the longest (the
    // Try its in order) is a chain of them: three at once keep both cores busy to the end.
    maxWorkers: 3,
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
        // Builds the site (npm run docs, unless it is up to date), then checks it over HTTP in
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
      ...chapters.map(({ name, include }) => ({
        test: { name, include: [...include], isolate: false },
      })),
    ],
  };
}
