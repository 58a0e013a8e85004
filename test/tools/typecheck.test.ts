import { cp, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatTypeErrors, typecheck, writeProject } from "../../tools/course/typecheck.ts";
import { writeSnapshots } from "../../tools/tangle/course.ts";
import { tangle } from "../../tools/tangle/tangle.ts";
import { chapter, fence } from "./fixtures.ts";

let course: string;

beforeAll(async () => {
  course = await mkdtemp(path.join(tmpdir(), "typecheck-"));
  await cp("tsconfig.base.json", path.join(course, "tsconfig.base.json"));
  await writeFile(path.join(course, "package.json"), JSON.stringify({ type: "module" }));
  await symlink(path.resolve("node_modules"), path.join(course, "node_modules"), "dir");
});

afterAll(async () => {
  await rm(course, { recursive: true, force: true });
});

describe("type-checking the chapters' snapshots", () => {
  it("reports a type error at the chapter line it came from, naming the chapter", async () => {
    const { snapshots } = tangle([
      chapter(1, fence("ts file=src/a.ts", "export function f(): number {", "  // «body»", "}"), "", fence('ts chunk="body"', "return 1;")),
      chapter(2, "Now a mistake:", "", fence('ts chunk="body" replace', 'const oops: number = "one";', "return oops;")),
    ]);
    await writeSnapshots(course, snapshots);
    const project = await writeProject(course, "build/tsconfig.chapters.json", ["chapters/01-fixture/src", "chapters/02-fixture/src"]);
    const errors = await typecheck(course, project, snapshots);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.chapter?.number).toBe(2);
    expect(errors[0]?.where).toBe("chapters/02-fixture.md:4:7");
    expect(errors[0]?.message).toMatch(/^TS2322: Type 'string' is not assignable to type 'number'/);
    expect(formatTypeErrors(errors)).toContain("type errors in chapter 2 (chapters/02-fixture.md):\n  chapters/02-fixture.md:4:7: TS2322");
  });

  it("finds nothing to report in code that type-checks", async () => {
    const { snapshots } = tangle([chapter(1, fence("ts file=src/ok.ts", "export const ok: boolean = true;"))]);
    await writeSnapshots(course, snapshots);
    const project = await writeProject(course, "build/tsconfig.ok.json", ["chapters/01-fixture/src"]);
    expect(await typecheck(course, project, snapshots)).toEqual([]);
  });
});
