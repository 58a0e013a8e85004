import { describe, expect, it } from "vitest";
import { tangle, type Snapshot } from "../../tools/tangle/tangle.ts";
import type { Chapter } from "../../tools/literate/chapters.ts";
import { chapter, fence } from "./fixtures.ts";

const HEADER_LINES = 2;

/** The body of a tangled file, without its two-line header. */
function body(snapshot: Snapshot | undefined, path: string): string | undefined {
  const content = snapshot?.files.get(path)?.content;
  return content?.split("\n").slice(HEADER_LINES).join("\n");
}

function errorsOf(...chapters: ReturnType<typeof chapter>[]): string[] {
  return tangle(chapters).errors.map((error) => error.message);
}

describe("tangle: what gets tangled", () => {
  it("writes a file= fence to its path", () => {
    const { snapshots, errors } = tangle([chapter(1, "Text.", "", fence("ts file=src/a.ts", "export const a = 1;"))]);
    expect(errors).toEqual([]);
    expect(body(snapshots[0], "src/a.ts")).toBe("export const a = 1;\n");
  });

  it("leaves fences without a file= or chunk= marker out", () => {
    const { snapshots } = tangle([chapter(1, fence("ts", "wrong();"), fence("console", "$ ls"), fence("ts file=src/a.ts", "ok();"))]);
    expect([...snapshots[0]!.files.keys()]).toEqual(["src/a.ts"]);
    expect(body(snapshots[0], "src/a.ts")).toBe("ok();\n");
  });

  it("starts each file with a header naming the chapters to edit", () => {
    const { snapshots } = tangle([
      chapter(1, fence("ts file=src/a.ts", "one();")),
      chapter(2, fence("ts file=src/a.ts append", "two();")),
    ]);
    const [first, second] = snapshots[1]!.files.get("src/a.ts")!.content.split("\n");
    expect(first).toMatch(/^\/\/ Generated .* do not edit/);
    expect(second).toBe("// To change it, edit chapters/01-fixture.md, chapters/02-fixture.md.");
  });

  it("writes a Python file too, its header in # comments", () => {
    const { snapshots, errors } = tangle([chapter(1, fence("python file=src/python/hello.py", 'print("hello")'))]);
    expect(errors).toEqual([]);
    const [first, second, code] = snapshots[0]!.files.get("src/python/hello.py")!.content.split("\n");
    expect(first).toMatch(/^# Generated .* do not edit/);
    expect(second).toBe("# To change it, edit chapters/01-fixture.md.");
    expect(code).toBe('print("hello")');
  });

  it("expands a chunk reference in place, keeping the reference's indentation", () => {
    const { snapshots, errors } = tangle([chapter(1,
      fence("ts file=src/a.ts", "function f() {", "  // «body»", "}"),
      fence('ts chunk="body"', "if (x) {", "  y();", "}", "", "z();"),
    )]);
    expect(errors).toEqual([]);
    expect(body(snapshots[0], "src/a.ts")).toBe("function f() {\n  if (x) {\n    y();\n  }\n\n  z();\n}\n");
  });

  it("resolves a chunk defined after the fence that uses it, and chunks inside chunks", () => {
    const { snapshots, errors } = tangle([chapter(1,
      fence("ts file=src/a.ts", "// «outer»"),
      fence('ts chunk="outer"', "a();", "// «inner»"),
      fence('ts chunk="inner"', "b();"),
    )]);
    expect(errors).toEqual([]);
    expect(body(snapshots[0], "src/a.ts")).toBe("a();\nb();\n");
  });

  it("reads a quoted chunk name with spaces and an escaped quote", () => {
    const { snapshots, errors } = tangle([chapter(1,
      fence("ts file=src/a.ts", "// «say \"hi\" twice»"),
      fence('ts chunk="say \\"hi\\" twice"', "hi(); hi();"),
    )]);
    expect(errors).toEqual([]);
    expect(body(snapshots[0], "src/a.ts")).toBe("hi(); hi();\n");
  });

  it("treats a reference that is not the whole line as ordinary code", () => {
    const { snapshots } = tangle([chapter(1, fence("ts file=src/a.ts", "f(); // «not a reference»"))]);
    expect(body(snapshots[0], "src/a.ts")).toBe("f(); // «not a reference»\n");
  });

  it("tangles fences nested in list items and block quotes", () => {
    const { snapshots, errors } = tangle([chapter(1,
      "- A list item:", "", "  ```ts file=src/a.ts", "  listed();", "  ```",
      "", "> ```ts file=src/b.ts", "> quoted();", "> ```",
    )]);
    expect(errors).toEqual([]);
    expect(body(snapshots[0], "src/a.ts")).toBe("listed();\n");
    expect(body(snapshots[0], "src/b.ts")).toBe("quoted();\n");
  });

  it("accepts tilde fences and longer backtick fences", () => {
    const { snapshots, errors } = tangle([chapter(1,
      "~~~ts file=src/a.ts", "tilde();", "~~~", "", "````ts file=src/b.ts", "```", "````",
    )]);
    expect(errors).toEqual([]);
    expect(body(snapshots[0], "src/a.ts")).toBe("tilde();\n");
    expect(body(snapshots[0], "src/b.ts")).toBe("```\n");
  });

  it("records the chapter line every output line came from", () => {
    const { snapshots } = tangle([chapter(1,
      "# Title", "", fence("ts file=src/a.ts", "// «x»", "after();"), "", fence('ts chunk="x"', "x();"),
    )]);
    const lines = snapshots[0]!.files.get("src/a.ts")!.lines.slice(HEADER_LINES);
    expect(lines.map((line) => [line.text, line.origin?.line])).toEqual([["x();", 9], ["after();", 5]]);
  });
});

describe("tangle: code that evolves across chapters", () => {
  const chapters = [
    chapter(1, fence("ts file=src/a.ts", "// «steps»"), fence('ts chunk="steps"', "one();")),
    chapter(2, fence('ts chunk="steps" append', "two();")),
    chapter(3, fence('ts chunk="steps" replace', "three();")),
    chapter(4, fence("ts file=src/b.ts", "b();")),
  ];
  const { snapshots, errors } = tangle(chapters);

  it("makes one snapshot per chapter, each with the code as of that chapter", () => {
    expect(errors).toEqual([]);
    expect(snapshots.map((s) => s.chapter.number)).toEqual([1, 2, 3, 4]);
    expect(body(snapshots[0], "src/a.ts")).toBe("one();\n");
  });

  it("appends to a chunk from an earlier chapter", () => {
    expect(body(snapshots[1], "src/a.ts")).toBe("one();\ntwo();\n");
  });

  it("replaces a chunk from an earlier chapter", () => {
    expect(body(snapshots[2], "src/a.ts")).toBe("three();\n");
  });

  it("adds files in later chapters without changing earlier snapshots", () => {
    expect(snapshots[2]!.files.has("src/b.ts")).toBe(false);
    expect([...snapshots[3]!.files.keys()]).toEqual(["src/a.ts", "src/b.ts"]);
  });

  it("replaces a whole file", () => {
    const result = tangle([
      chapter(1, fence("ts file=src/a.ts", "old();")),
      chapter(2, fence("ts file=src/a.ts replace", "new();")),
    ]);
    expect(body(result.snapshots[0], "src/a.ts")).toBe("old();\n");
    expect(body(result.snapshots[1], "src/a.ts")).toBe("new();\n");
  });

  it("quietly drops a chunk whose only user a later chapter replaced", () => {
    const result = tangle([
      chapter(1, fence("ts file=src/a.ts", "// «old part»"), fence('ts chunk="old part"', "old();")),
      chapter(2, fence("ts file=src/a.ts replace", "new();")),
    ]);
    expect(result.errors).toEqual([]);
    expect(body(result.snapshots[1], "src/a.ts")).toBe("new();\n");
  });
});

describe("tangle: errors at chapter-file:line", () => {
  it("reports a reference to an undefined chunk at the referencing line", () => {
    expect(errorsOf(chapter(1, "", fence("ts file=src/a.ts", "ok();", "// «missing»")))).toEqual([
      "chapters/01-fixture.md:4: reference to undefined chunk «missing»",
    ]);
  });

  it("reports an accidental second definition and says how to make it explicit", () => {
    expect(errorsOf(
      chapter(1, fence("ts file=src/a.ts", "// «x»"), fence('ts chunk="x"', "1;")),
      chapter(2, "", fence('ts chunk="x"', "2;")),
    )).toEqual([
      "chapters/02-fixture.md:2: chunk «x» is already defined at chapters/01-fixture.md:4; write `append` or `replace` in the fence to change it",
    ]);
  });

  it("reports a second definition of a file", () => {
    expect(errorsOf(chapter(1, fence("ts file=src/a.ts", "1;"), fence("ts file=src/a.ts", "2;")))).toEqual([
      "chapters/01-fixture.md:4: file src/a.ts is already defined at chapters/01-fixture.md:1; write `append` or `replace` in the fence to change it",
    ]);
  });

  it("reports append or replace of something never defined", () => {
    expect(errorsOf(chapter(1, fence('ts chunk="x" append', "1;"), fence("ts file=src/a.ts replace", "2;")))).toEqual([
      "chapters/01-fixture.md:1: cannot append chunk «x»: it is not defined in this or an earlier chapter",
      "chapters/01-fixture.md:4: cannot replace file src/a.ts: it is not defined in this or an earlier chapter",
    ]);
  });

  it("reports a cycle of chunks, naming the chain", () => {
    expect(errorsOf(chapter(1,
      fence("ts file=src/a.ts", "// «a»"), fence('ts chunk="a"', "// «b»"), fence('ts chunk="b"', "// «a»"),
    ))).toEqual(["chapters/01-fixture.md:8: chunk «a» uses itself: «a» → «b» → «a»"]);
  });

  it("reports an unterminated fence at its opening line", () => {
    expect(errorsOf(chapter(1, "Intro", "", "```ts file=src/a.ts", "a();", "", "More text that the fence swallows."))).toEqual([
      "chapters/01-fixture.md:3: unterminated code fence: no closing ``` before the end of the file",
    ]);
  });

  it("reports an unterminated illustration fence too, since it swallows the chapter", () => {
    expect(errorsOf(chapter(1, "```console", "$ ls"))).toHaveLength(1);
  });

  it.each([
    ["../outside.ts", "escapes the snapshot root"],
    ["/etc/passwd.ts", "escapes the snapshot root"],
    ["src/../../x.ts", "escapes the snapshot root"],
    ["src\\win.ts", "escapes the snapshot root"],
    ["src/./a.ts", "is not in normal form"],
    ["lib/a.ts", "is outside src/"],
    ["src/data.json", "is not a TypeScript, JavaScript or Python file"],
  ])("rejects the file path %s (%s)", (filePath, problem) => {
    const [error] = errorsOf(chapter(1, fence(`ts file=${filePath}`, "x();")));
    expect(error).toMatch(/^chapters\/01-fixture\.md:1: path /);
    expect(error).toContain(problem);
  });

  it("reports a chunk defined but never used, at its definition", () => {
    expect(errorsOf(chapter(1, fence("ts file=src/a.ts", "a();"), "", fence('ts chunk="orphan"', "o();")))).toEqual([
      "chapters/01-fixture.md:5: chunk «orphan» is defined but never used by the end of chapters/01-fixture.md",
    ]);
  });

  it("lets a chunk wait for its user until the end of its own chapter only", () => {
    expect(errorsOf(
      chapter(1, fence("ts file=src/a.ts", "a();"), fence('ts chunk="early"', "e();")),
      chapter(2, fence("ts file=src/a.ts append", "// «early»")),
    )).toEqual(["chapters/01-fixture.md:4: chunk «early» is defined but never used by the end of chapters/01-fixture.md"]);
  });

  it.each([
    ['ts fiel=src/a.ts', 'unknown attribute "fiel"'],
    ['ts file=src/a.ts chunk="x"', "either a file= or a chunk="],
    ['ts file=src/a.ts append replace', "append or replace, not both"],
    ['ts file=src/a.ts apend', 'unknown word "apend"'],
    ['ts chunk=""', "empty value"],
    ['ts chunk="open', "unterminated quoted value"],
  ])("rejects the info string `%s`", (info, problem) => {
    const [error] = errorsOf(chapter(1, "", fence(info, "x();")));
    expect(error).toMatch(/^chapters\/01-fixture\.md:2: /);
    expect(error).toContain(problem);
  });

  it("reports every problem of a chapter once, not once per later snapshot", () => {
    expect(errorsOf(
      chapter(1, fence("ts file=src/a.ts", "// «missing»")),
      chapter(2, fence("ts file=src/b.ts", "b();")),
    )).toHaveLength(1);
  });
});

describe("tangle: a chapter's tests and the appendix", () => {
  const appendixFile = "chapters/appendix/testing.md";
  const withParts = (base: Chapter, tests: string[] | undefined, appendix: string[]): Chapter => ({
    ...base,
    ...(tests === undefined ? {} : { tests: { file: `chapters/tests/${base.slug}.md`, text: tests.join("\n") + "\n" } }),
    appendices: [{ file: appendixFile, text: appendix.join("\n") + "\n" }],
  });

  it("tangles a chapter's tests into the chapter's own snapshot, after the chapter's fences", () => {
    const one = withParts(chapter(1, fence("ts file=src/a.ts", "one();")), [fence("ts file=src/a.ts append", "tested();")], []);
    const { snapshots, errors } = tangle([one, withParts(chapter(2, "No code."), undefined, [])]);
    expect(errors).toEqual([]);
    expect(body(snapshots[0], "src/a.ts")).toBe("one();\ntested();\n");
    expect(snapshots[0]!.files.get("src/a.ts")!.lines.at(-1)?.origin).toEqual({ file: "chapters/tests/01-fixture.md", line: 2 });
  });

  it("tangles an appendix's fence with the chapter it names, before that chapter's own fences", () => {
    const appendix = [fence("ts file=src/testing/helper.ts chapter=2", "helper();"), fence("ts chunk=\"extra\" chapter=2", "more();")];
    const chapters = [
      withParts(chapter(1, fence("ts file=src/a.ts", "one();")), undefined, appendix),
      withParts(chapter(2, fence("ts file=src/testing/helper.ts append", "// «extra»")), undefined, appendix),
    ];
    const { snapshots, errors } = tangle(chapters);
    expect(errors).toEqual([]);
    expect(snapshots[0]!.files.has("src/testing/helper.ts")).toBe(false);
    expect(body(snapshots[1], "src/testing/helper.ts")).toBe("helper();\nmore();\n");
  });

  it("reports an appendix fence that does not say its chapter, or names one the course does not have", () => {
    const appendix = ["# Helpers", "", fence("ts file=src/testing/a.ts", "a();"), "", fence("ts file=src/testing/b.ts chapter=7", "b();")];
    const errors = errorsOf(withParts(chapter(1, "Text."), undefined, appendix));
    expect(errors).toContain(`${appendixFile}:3: a fence in an appendix says which chapter's code it belongs to: add chapter=N`);
    expect(errors).toContain(`${appendixFile}:7: chapter=7: the course has no chapter 7`);
  });

  it("refuses chapter= in a chapter's own file, whose fences belong to it already", () => {
    expect(errorsOf(chapter(1, fence("ts file=src/a.ts chapter=2", "a();")))).toEqual([
      "chapters/01-fixture.md:1: chapter=2 in chapters/01-fixture.md, whose code belongs to chapter 1: only an appendix's fences name their chapter",
    ]);
  });
});
