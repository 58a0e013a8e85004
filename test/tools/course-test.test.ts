/** `npm test` itself: what it does before vitest, with its own arguments and with a broken chapter. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../../tools/process/command.ts";
import { bin } from "../../tools/course/node-tools.ts";

const script = path.resolve("tools/course/test.ts");
let course: string;

beforeAll(async () => {
  course = await mkdtemp(path.join(tmpdir(), "course-test-"));
  await mkdir(path.join(course, "chapters"));
  await writeFile(path.join(course, "chapters", "01-one.md"), "# One\n\n```ts file=src/a.ts\nexport const a = 1;\n```\n");
  await writeFile(path.join(course, "chapters", "02-two.md"), "# Two\n\n```ts file=src/b.ts\nexport const b = 2;\n```\n");
});
afterAll(() => rm(course, { recursive: true, force: true }));

describe("npm test -- --chapter N", () => {
  it("names the chapters there are and exits 2, running nothing, when there is no chapter N", async () => {
    for (const wanted of [["42"], ["two"], []]) {
      const { code, output } = await runCommand([...bin.tsx, script, "--chapter", ...wanted], { cwd: course });
      expect(code).toBe(2);
      expect(output).toContain(`no chapter "${wanted[0] ?? ""}": the chapters are 1, 2\nusage: npm test -- --chapter N`);
      expect(output).not.toContain("type-check");
    }
  });
});

describe("npm test on a chapter that does not tangle", () => {
  it("says where the chapter is broken and exits 1 without testing the last good snapshots", async () => {
    const broken = path.join(course, "broken");
    await mkdir(path.join(broken, "chapters"), { recursive: true });
    await writeFile(path.join(broken, "chapters", "01-one.md"), "# One\n\n```ts file=src/a.ts\nexport const a = 1;\n");
    const { code, output } = await runCommand([...bin.tsx, script], { cwd: broken });
    expect(code).toBe(1);
    expect(output).toContain("chapters/01-one.md:3: unterminated code fence");
    expect(output).toContain("✗ the course is not green: nothing else was run");
    expect(output).not.toMatch(/RUN|type-check/);
  });
});
