import { readdirSync } from "node:fs";
import { defineConfig } from "vitest/config";

/** Each chapter's snapshot is its own test project, so a failure names its chapter. */
const chapterSlugs = readdirSync("chapters")
  .filter((name) => /^\d{2}-[a-z0-9-]+\.md$/.test(name))
  .sort()
  .map((name) => name.slice(0, -3));

export default defineConfig({
  test: {
    projects: [
      { test: { name: "tools", include: ["test/**/*.test.ts"] } },
      ...chapterSlugs.map((slug) => ({
        test: { name: `chapter ${slug}`, include: [`build/chapters/${slug}/src/**/*.test.ts`] },
      })),
    ],
  },
});
