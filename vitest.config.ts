// The configuration of vitest run by hand (`npx vitest run test/tools`): `npm test` runs the same
// projects itself, from tools/course/vitest-config.ts, with the chapters it has just tangled.
import { defineConfig } from "vitest/config";
import { allTestsOf, courseTestConfig } from "./tools/course/vitest-config.ts";
import { readChapters } from "./tools/literate/chapters.ts";

const chapters = await readChapters(import.meta.dirname);

export default defineConfig({ test: courseTestConfig(chapters.map((chapter) => allTestsOf(chapter.slug))) });
