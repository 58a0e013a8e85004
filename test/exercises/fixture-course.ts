/**
 * A tiny course with two exercises, written to a temporary folder: the fixture of the grader's and
 * the student loop's tests. Its files are strings here, not files in the repository, so that
 * neither vitest nor the type-check of `npm test` mistakes its starters (which fail by design)
 * for the course's own code.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { courseLayout, readCatalog, type CourseLayout } from "../../tools/exercises/catalog.ts";
import { syncStarters } from "../../tools/exercises/starter-files.ts";

/** The root of this repository. */
export const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

/** A chapter of the fixture that writes `src/greeting.ts` (with `replace`, when it is not the first to). */
export function greetingChapter(title: string, greeting: string, replace = false): string {
  const fence = "```ts file=src/greeting.ts" + (replace ? " replace" : "");
  return `# ${title}\n\n${fence}\n/** The word a greeting starts with. */\nexport const GREETING = "${greeting}";\n\`\`\`\n`;
}

const files: Record<string, string> = {
  "chapters/01-greeting.md": greetingChapter("The greeting", "Hello"),
  "chapters/02-greet.md": "# Greeting people\n\nExercise 02 is set here.\n",
  "exercises/01-add/exercise.json": JSON.stringify({
    title: "Adding",
    chapter: 1,
    files: ["add.ts"],
    timeLimitSeconds: 20,
    tests: { "add > adds two numbers": 1, "add > adds negative numbers": 2 },
  }),
  "exercises/01-add/README.md": [
    "# 01 · Adding", "", "## Task", "", "Write `add`.", "", "## Hints", "",
    "<details>", "<summary>Hint 1: the operator</summary>", "", "Use `+`.", "", "</details>", "",
    "<details>", "<summary>Hint 2: the answer</summary>", "", "`return a + b;`", "", "</details>", "",
  ].join("\n"),
  "exercises/01-add/add.test.ts": [
    `import { describe, expect, it } from "vitest";`,
    `import { add } from "./add.ts";`,
    `describe("add", () => {`,
    `  it("adds two numbers", () => expect(add(2, 3)).toBe(5));`,
    `  it("adds negative numbers", () => expect(add(-2, -3)).toBe(-5));`,
    `});`,
  ].join("\n") + "\n",
  "solutions/01-add/add.ts": [
    `/** The sum of two numbers. */`,
    `export function add(a: number, b: number): number {`,
    `  // BEGIN SOLUTION`,
    `  return a + b;`,
    `  // STARTER`,
    `  // throw new Error("Not implemented yet: add");`,
    `  // END SOLUTION`,
    `}`,
  ].join("\n") + "\n",
  "solutions/01-add/hidden/tests.json": JSON.stringify({ "add, hidden > adds zero": 1 }),
  "solutions/01-add/hidden/add.hidden.test.ts": [
    `import { describe, expect, it } from "vitest";`,
    `import { add } from "../add.ts";`,
    `describe("add, hidden", () => {`,
    `  it("adds zero", () => expect(add(7, 0)).toBe(7));`,
    `});`,
  ].join("\n") + "\n",
  "exercises/02-greet/exercise.json": JSON.stringify({
    title: "Greeting",
    chapter: 2,
    files: ["greet.ts"],
    tests: { "greets by name": 1, "greets the world by default": 1 },
  }),
  "exercises/02-greet/README.md": "# 02 · Greeting\n\nWrite `greet`.\n",
  "exercises/02-greet/greet.test.ts": [
    `import { expect, it } from "vitest";`,
    `import { greet } from "./greet.ts";`,
    `it("greets by name", () => expect(greet("Ada")).toBe("Hello, Ada!"));`,
    `it("greets the world by default", () => expect(greet()).toBe("Hello, world!"));`,
  ].join("\n") + "\n",
  "solutions/02-greet/greet.ts": [
    `import { GREETING } from "#chapter-02/greeting.ts";`,
    `/** A greeting for \`name\`. */`,
    `export function greet(name = "world"): string {`,
    `  // BEGIN SOLUTION`,
    `  return \`\${GREETING}, \${name}!\`;`,
    `  // STARTER`,
    `  // return "";`,
    `  // END SOLUTION`,
    `}`,
  ].join("\n") + "\n",
};

/** A version of 01-add whose module never finishes loading (it waits on a timer forever, without using the CPU). */
export const hangingAdd = `await new Promise(() => setInterval(() => {}, 1000));\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n`;

/** A fixture course in a temporary folder. */
export interface FixtureCourse extends CourseLayout {
  /** Writes a file under the course's root. */
  write(file: string, text: string): Promise<void>;
  dispose(): Promise<void>;
}

/** Writes the fixture course, with its starters generated from its solutions. */
export async function createFixtureCourse(): Promise<FixtureCourse> {
  const root = await mkdtemp(path.join(os.tmpdir(), "fixture-course-"));
  const write = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  };
  for (const [file, text] of Object.entries(files)) await write(file, text);
  await symlink(path.join(repositoryRoot, "node_modules"), path.join(root, "node_modules"), "dir");
  await symlink(path.join(repositoryRoot, "tsconfig.base.json"), path.join(root, "tsconfig.base.json"));
  const layout = courseLayout(root);
  await syncStarters(layout, await readCatalog(layout), false);
  return { ...layout, write, dispose: () => rm(root, { recursive: true, force: true }) };
}
