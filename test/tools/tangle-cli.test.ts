import { execFile } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bin } from "../../tools/course/node-tools.ts";
import { runTangle } from "../../tools/tangle/run-tangle.ts";

const cli = path.resolve("tools/tangle/cli.ts");
let course: string;

/** Runs `npm run tangle` in the fixture course, in this process, recording what it prints. */
async function tangleCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const output = { log: (line: string) => (stdout += `${line}\n`), error: (line: string) => (stderr += `${line}\n`) };
  const code = await runTangle(course, args, output);
  return { code, stdout, stderr };
}

async function writeChapter(name: string, ...lines: string[]): Promise<void> {
  await writeFile(path.join(course, "chapters", name), lines.join("\n") + "\n");
}

const read = (file: string) => readFile(path.join(course, file), "utf8");

beforeEach(async () => {
  course = await mkdtemp(path.join(tmpdir(), "tangle-cli-"));
  await mkdir(path.join(course, "chapters"));
  await writeChapter("01-one.md", "# One", "", "```ts file=src/a.ts", "export const a = 1;", "```");
  await writeChapter("02-two.md", "# Two", "", "```ts file=src/b.ts", "export const b = 2;", "```");
});

afterEach(async () => {
  await rm(course, { recursive: true, force: true });
});

describe("npm run tangle", () => {
  it("writes the last snapshot to src/ and every snapshot to build/chapters/", async () => {
    const { code, stdout } = await tangleCli();
    expect(code).toBe(0);
    expect(stdout).toContain("wrote src/a.ts");
    expect(await read("src/b.ts")).toContain("export const b = 2;");
    expect(await read("build/chapters/01-one/src/a.ts")).toContain("export const a = 1;");
    await expect(stat(path.join(course, "build/chapters/01-one/src/b.ts"))).rejects.toThrow();
  });

  it("leaves files whose content did not change untouched, so watchers stay quiet", async () => {
    await tangleCli();
    const before = (await stat(path.join(course, "src/a.ts"))).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeChapter("02-two.md", "# Two", "", "```ts file=src/b.ts", "export const b = 3;", "```");
    const { stdout } = await tangleCli();
    expect(stdout).not.toContain("src/a.ts");
    expect((await stat(path.join(course, "src/a.ts"))).mtimeMs).toBe(before);
  });

  it("removes a file from src/ when no chapter defines it any more", async () => {
    await tangleCli();
    await rm(path.join(course, "chapters/02-two.md"));
    const { stdout } = await tangleCli();
    expect(stdout).toContain("removed src/b.ts");
    await expect(stat(path.join(course, "src/b.ts"))).rejects.toThrow();
  });

  it("writes nothing and exits 1 when a chapter has a problem, naming chapter and line", async () => {
    await writeChapter("02-two.md", "# Two", "", "```ts file=src/b.ts", "// «nowhere»", "```");
    const { code, stderr } = await tangleCli();
    expect(code).toBe(1);
    expect(stderr).toContain("chapters/02-two.md:4: reference to undefined chunk «nowhere»");
    await expect(stat(path.join(course, "src"))).rejects.toThrow();
  });

  it("is the command npm runs, exiting with the status it reports", async () => {
    await writeChapter("02-two.md", "```ts file=src/b.ts", "// «nowhere»", "```");
    const [node = "", ...tsx] = bin.tsx;
    const failure = await promisify(execFile)(node, [...tsx, cli], { cwd: course }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining("chapters/02-two.md:2: reference to undefined chunk") });
  });

  it("rejects an unknown option with the usage", async () => {
    const { code, stderr } = await tangleCli("--chek");
    expect(code).toBe(2);
    expect(stderr).toContain("usage: npm run tangle");
  });
});

describe("npm run tangle -- --check", () => {
  it("passes when src/ matches the chapters", async () => {
    await tangleCli();
    expect((await tangleCli("--check")).code).toBe(0);
  });

  it("fails and names the file when a line of code in a chapter changed, and tangling brings the change to src/", async () => {
    await tangleCli();
    await writeChapter("01-one.md", "# One", "", "```ts file=src/a.ts", "export const a = 100;", "```");
    const check = await tangleCli("--check");
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("src/a.ts: differs from what the chapters say");
    expect(check.stderr).not.toContain("src/b.ts");
    expect(await read("src/a.ts")).toContain("a = 1;");
    await tangleCli();
    expect(await read("src/a.ts")).toContain("export const a = 100;");
  });

  it("names files edited by hand, missing, or not produced by any chapter", async () => {
    await tangleCli();
    await writeFile(path.join(course, "src/a.ts"), "// edited by hand\n");
    await rm(path.join(course, "src/b.ts"));
    await writeFile(path.join(course, "src/stray.ts"), "export {};\n");
    const { code, stderr } = await tangleCli("--check");
    expect(code).toBe(1);
    expect(stderr).toContain("src/a.ts: differs");
    expect(stderr).toContain("src/b.ts: missing");
    expect(stderr).toContain("src/stray.ts: no chapter defines it");
  });
});
