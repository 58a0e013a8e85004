/** The student release: the course without solutions or hidden tests, whose own tools still work. */
import { mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseLayout, readCatalog } from "../../../tools/exercises/catalog.ts";
import { writeStudentRelease } from "../../../tools/release/student-release.ts";
import { runCommand } from "../../../tools/process/command.ts";
import { repositoryRoot } from "../fixture-course.ts";

const layout = courseLayout(repositoryRoot);
let out: string;

beforeAll(async () => {
  out = path.join(await mkdtemp(path.join(os.tmpdir(), "release-")), "course");
  await writeStudentRelease(layout, out);
});
afterAll(() => rm(path.dirname(out), { recursive: true, force: true }));

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)));
}

describe("npm run student-release", { timeout: 60_000 }, () => {
  it("leaves out the solutions, the hidden tests and the instructor's tests", async () => {
    const files = await allFiles(out);
    expect(files.filter((file) => /^solutions\/|hidden|test\/exercises\/instructor\//.test(file))).toEqual([]);
    expect(files).toContain("exercises/01-version-byte/versioned-frame.test.ts");
  });

  it("keeps untouched starters for reset, identical to the exercises it hands out", async () => {
    for (const exercise of await readCatalog(layout)) {
      for (const file of exercise.files) {
        const handedOut = await readFile(path.join(out, "exercises", exercise.id, file), "utf8");
        expect(await readFile(path.join(out, "exercises", ".starters", exercise.id, file), "utf8")).toBe(handedOut);
      }
    }
  });

  it("writes a course whose own grader works without the solutions", async () => {
    await symlink(path.join(repositoryRoot, "node_modules"), path.join(out, "node_modules"), "dir");
    const { code, output } = await runCommand(
      [process.execPath, path.join(repositoryRoot, "node_modules", "tsx", "dist", "cli.mjs"), "tools/exercises/cli.ts", "list"],
      { cwd: out },
    );
    expect(code).toBe(0);
    expect(output).toMatch(/^01-version-byte +ch 1 +not started/m);
  });
});
