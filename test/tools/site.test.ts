import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import type { Chapter } from "../../tools/literate/chapters.ts";
import { changesPage, chapterLinkOf, codePage } from "../../tools/site/code-pages.ts";
import { courseSite, loadCourseSite, type CourseSite } from "../../tools/site/course-site.ts";
import { siteHref } from "../../tools/site/markdown/link-routing.ts";
import { literatePlugin } from "../../tools/site/markdown/literate-plugin.ts";
import { chapter, fence } from "./fixtures.ts";

const ROOT = "/course";

function siteOf(...chapters: Chapter[]): CourseSite {
  return courseSite(ROOT, chapters,
    [{ dir: "exercises/01-echo", title: "An echo server", link: "/exercises/01-echo/", chapterNumber: 1 }],
    [{ name: "greet", source: "src/greet.ts", link: "/api/greet/functions/greet.html" }]);
}

/** Renders a chapter of `site` the way VitePress does, with the languages the highlighter was asked for. */
function render(site: CourseSite, file: string): { html: string; languages: string[] } {
  const languages: string[] = [];
  const md = new MarkdownIt({ html: true, highlight: (code, language) => (languages.push(language), "") });
  literatePlugin(md, site);
  const text = site.chapters.find((page) => page.chapter.file === file)?.chapter.text ?? "";
  return { html: md.render(text, { path: `${ROOT}/${file}` }), languages };
}

const one = chapter(1,
  "# Greetings",
  "",
  fence("ts file=src/greet.ts", "/** Says hello. */", "export function greet(name: string): string {", "  // «build the greeting»", "}"),
  "",
  fence("ts chunk=\"build the greeting\"", "return `Hello, ${name}`;"),
  "",
  fence("console try", "$ npm run chapter -- 1 run src/greet.ts", "hello"),
  "",
  "`greet()` says hello; `greet` is the first export.",
  "",
  "See [the code](../src/greet.ts), [the exercise](../exercises/01-echo/README.md) and [a solution](../solutions/01-echo/answer.ts).",
);
const two = chapter(2,
  "# Politer greetings",
  "",
  fence("ts chunk=\"build the greeting\" replace", "return `Good morning, ${name}`;"),
);
const three = chapter(3,
  "# Greetings at night",
  "",
  fence("ts chunk=\"build the greeting\" replace", "return `Good night, ${name}`;"),
);

describe("the site's literate plugin", () => {
  it("captions each tangled fence with its file or chunk, gives it an id, and passes only the language on", () => {
    const { html, languages } = render(siteOf(one, two), one.file);
    expect(html).toContain(`<div class="literate-fence" id="file-src-greet-ts">`);
    expect(html).toMatch(/<span class="literate-kind">file<\/span> <code>src\/greet\.ts<\/code>/);
    expect(html).toContain(`id="chunk-build-the-greeting"`);
    expect(html).toContain(`«build the greeting»</span> <span class="literate-in">in <code>src/greet.ts</code></span>`);
    expect(languages).toEqual(["ts", "ts", "console"]);
    expect(html).toContain("Try it");
  });

  it("links a chunk to where it is used, and a «reference» in code to the chunk", () => {
    const { html } = render(siteOf(one, two), one.file);
    expect(html).toMatch(/used in <a href="#file-src-greet-ts"><code>src\/greet\.ts<\/code><\/a>/);
    expect(html).toContain(`<a class="literate-ref" href="#chunk-build-the-greeting">«build the greeting»</a>`);
  });

  it("says in which later chapter a chunk is revised, and which version a revision replaces", () => {
    const site = siteOf(one, two);
    expect(render(site, one.file).html).toContain(`<a href="/chapters/02-fixture.html#chunk-build-the-greeting">revised in chapter 2</a>`);
    const second = render(site, two.file).html;
    expect(second).toContain(`<a href="/chapters/01-fixture.html#chunk-build-the-greeting">replaces the version of chapter 1</a>`);
    expect(second).toContain(`<span class="literate-mode">replaced</span>`);
    expect(second).toContain(`used in <a href="/chapters/01-fixture.html#file-src-greet-ts"><code>src/greet.ts</code> (chapter 1)</a>`);
  });

  it("marks a revision's new lines, dims the lines it keeps, and lists the lines it removes", () => {
    const four = chapter(4, "# Greetings in full", "", fence("ts file=src/greet.ts replace",
      "/** Says hello. */", "export function greet(name: string): string {", "  return `Hello, ${name}!`;", "}"));
    const md = new MarkdownIt({
      html: true,
      highlight: (code) => `<pre><code>${code.slice(0, -1).split("\n").map((line) => `<span class="line">${line}</span>`).join("\n")}</code></pre>`,
    });
    literatePlugin(md, siteOf(one, two, three, four));
    const html = md.render(four.text, { path: `${ROOT}/${four.file}` });
    expect(html).toContain(`<div class="literate-fence literate-revision" id="file-src-greet-ts">`);
    const marks = [...html.matchAll(/<span class="line (literate-\w+)">/g)].map((match) => match[1]);
    expect(marks).toEqual(["literate-kept", "literate-kept", "literate-new", "literate-kept"]);
    expect(html).toMatch(/<summary>1 line of the earlier version removed<\/summary><pre><code>  \/\/ «build the greeting»<\/code><\/pre>/);
  });

  it("names the first definition of a chunk revised more than once", () => {
    const { html } = render(siteOf(one, two, three), three.file);
    expect(html).toContain(`<a href="/chapters/02-fixture.html#chunk-build-the-greeting">replaces the version of chapter 2</a>`);
    expect(html).toContain(`<a href="/chapters/01-fixture.html#chunk-build-the-greeting">first defined in chapter 1</a>`);
  });

  it("links an export to its API page in the fence that introduces it", () => {
    const { html } = render(siteOf(one, two), one.file);
    expect(html).toContain(`API: <a href="/api/greet/functions/greet.html"><code>greet</code></a>`);
  });

  it("links the first mention of an export in the introducing chapter's prose to its API page", () => {
    const { html } = render(siteOf(one, two), one.file);
    expect(html).toContain(`<a href="/api/greet/functions/greet.html" title="greet in the API reference"><code>greet()</code></a> says hello; <code>greet</code> is`);
  });

  it("links a chapter to its code, its changes and its exercises", () => {
    const { html } = render(siteOf(one, two), one.file);
    expect(html).toContain(`<a href="/code/01-fixture.html">The code as of this chapter</a>`);
    expect(html).toContain(`<a href="/changes/01-fixture.html">The files this chapter starts</a>`);
    expect(html).toContain(`<li><a href="/exercises/01-echo/">An echo server</a></li>`);
    expect(render(siteOf(one, two), two.file).html).toContain("What changed since chapter 1");
  });

  it("leaves the list of exercises to a chapter that has an Exercises section of its own", () => {
    const own: Chapter = { ...one, text: `${one.text}\n## Exercises\n\n- [An echo server](../exercises/01-echo/README.md)\n` };
    const { html } = render(siteOf(own, two), own.file);
    expect(html).toContain(`<a href="#exercises">Exercises (1)</a>`);
    expect(html).not.toContain(`id="course-exercises"`);
    expect(html).toContain(`<a href="/exercises/01-echo/">An echo server</a>`);
  });

  it("points links at site pages and removes links into solutions/", () => {
    const { html } = render(siteOf(one, two), one.file);
    expect(html).toContain(`<a href="/code/02-fixture.html#file-src-greet-ts">the code</a>`);
    expect(html).toContain(`<a href="/exercises/01-echo/">the exercise</a>`);
    expect(html).toContain(`<span class="literate-unlinked">a solution</span>`);
    expect(html).not.toContain("solutions/");
  });

  it("reads a chapter again when it was edited after the site was loaded", () => {
    const site = siteOf(one, two);
    const md = new MarkdownIt({ html: true });
    literatePlugin(md, site);
    const edited = one.text.replace("# Greetings", "# Greetings\n\n" + fence("ts chunk=\"unused helper\" ", "helper();") + "\n");
    expect(() => md.render(edited, { path: `${ROOT}/${one.file}` })).toThrow(/unused helper.*never used/);
    const fixed = one.text.replace("# Greetings", "# Hello\n\n" + fence("ts file=src/extra.ts", "extra();") + "\n");
    expect(md.render(fixed, { path: `${ROOT}/${one.file}` })).toContain(`id="file-src-extra-ts"`);
  });

  it("leaves the info string of an illustration alone, for VitePress's own fence syntax", () => {
    const languages: string[] = [];
    const md = new MarkdownIt({ html: true, highlight: (code, language, attributes) => (languages.push(`${language}|${attributes}`), "") });
    literatePlugin(md, siteOf(one, two));
    md.render(fence("ts {1,3}", "a();"), { path: `${ROOT}/docs/index.md` });
    expect(languages).toEqual(["ts|{1,3}"]);
  });

  it("maps relative hrefs from any page", () => {
    const site = siteOf(one, two);
    expect(siteHref(site, "exercises/01-echo/README.md", "../../chapters/01-fixture.md#x")).toBe("/chapters/01-fixture.md#x");
    expect(siteHref(site, "exercises/01-echo/README.md", "../../solutions/01-echo/")).toBeNull();
    expect(siteHref(site, "chapters/01-fixture.md", "README.md")).toBe("/chapters/");
    expect(siteHref(site, "chapters/01-fixture.md", "https://nodejs.org/api/net.html")).toBeUndefined();
    expect(siteHref(site, "chapters/01-fixture.md", "../package.json")).toBeNull();
  });
});

describe("the site's pages of a chapter's tests and of the appendix", () => {
  const testsText = ["# Tests: Greetings", "", fence("ts file=src/greet.test.ts", "greetTest();")].join("\n") + "\n";
  const appendixText = ["# Appendix", "", fence("ts chunk=\"build the greeting\" replace chapter=2", "return `Hi, ${name}`;"),
    "", fence("ts file=src/testing/helper.ts chapter=2", "export const helper = 1;")].join("\n") + "\n";
  const withTests: Chapter = { ...one, text: `${one.text}\nThe [other tests](tests/01-fixture.md).\n`, tests: { file: "chapters/tests/01-fixture.md", text: testsText } };
  const appendices = [{ file: "chapters/appendix/helpers.md", text: appendixText }];
  const site = siteOf({ ...withTests, appendices }, { ...two, appendices });
  const renderFile = (file: string, text: string): string =>
    new MarkdownIt({ html: true }).use((md) => literatePlugin(md, site)).render(text, { path: `${ROOT}/${file}` });

  it("captions the fences of a chapter's tests, as on the chapter's page", () => {
    expect(renderFile("chapters/tests/01-fixture.md", testsText)).toContain(`<div class="literate-fence" id="file-src-greet-test-ts">`);
  });

  it("links a chapter to its tests' page", () => {
    expect(siteHref(site, one.file, "tests/01-fixture.md")).toBe("/chapters/tests/01-fixture.md"); // VitePress turns .md into .html
  });

  it("sends the API reference's \"Defined in\" of an appendix's code to the appendix's page", () => {
    expect(chapterLinkOf(site, "src/testing/helper.ts", 3)).toBe("/chapters/appendix/helpers.html#file-src-testing-helper-ts");
  });

  it("links an appendix's revision to the version it replaces, on that version's page", () => {
    const html = renderFile("chapters/appendix/helpers.md", appendixText);
    expect(html).toContain(`href="/chapters/01-fixture.html#chunk-build-the-greeting"`);
    expect(html).toContain("replaces the version of chapter 1");
  });
});

describe("the code and changes pages", () => {
  it("lists every file of a chapter's snapshot with the fences it is made of", () => {
    const site = siteOf(one, two);
    const page = codePage(site, site.chapters[1]!, site.index.snapshots[1]!);
    expect(page).toContain("## `src/greet.ts` {#file-src-greet-ts}");
    expect(page).toContain("return `Good morning, ${name}`;");
    expect(page).toContain("[«build the greeting» (chapter 2)](/chapters/02-fixture.html#chunk-build-the-greeting)");
  });

  it("shows a file unchanged since an earlier chapter as a link to the page that shows it in full", () => {
    const farewell = chapter(2,
      "# Farewells",
      "",
      fence("python file=src/farewell.py", "def farewell(name):", "    return f'Bye, {name}'"),
    );
    const site = siteOf(one, farewell);
    const page = codePage(site, site.chapters[1]!, site.index.snapshots[1]!);
    expect(page).toContain("## `src/greet.ts` {#file-src-greet-ts}\n\nUnchanged since chapter 1:"
      + " [the file as that chapter left it](/code/01-fixture.html#file-src-greet-ts).");
    expect(page).not.toContain("return `Hello, ${name}`;");
    expect(page).toContain("```python\n# Generated from the course text");
  });

  it("links a line of the code to the fence of the chapter that writes it, for the API reference", () => {
    const site = siteOf(one, two);
    const lines = site.index.snapshots.at(-1)!.files.get("src/greet.ts")!.content.split("\n");
    const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;
    expect(chapterLinkOf(site, "src/greet.ts", lineOf("export function greet"))).toBe("/chapters/01-fixture.html#file-src-greet-ts");
    expect(chapterLinkOf(site, "src/greet.ts", lineOf("Good morning"))).toBe("/chapters/02-fixture.html#chunk-build-the-greeting");
    expect(chapterLinkOf(site, "src/greet.ts", lineOf("Generated from the course text"))).toBeUndefined();
    expect(chapterLinkOf(site, "src/nothing.ts", 1)).toBeUndefined();
  });

  it("shows what a chapter changed as a diff of the course's lines", () => {
    const site = siteOf(one, two);
    const page = changesPage(site, site.chapters[1]!, site.index.snapshots[1]!, site.index.snapshots[0]);
    expect(page).toContain("| [`src/greet.ts`](#file-src-greet-ts) | changed | +1 −1 |");
    expect(page).toContain("-  return `Hello, ${name}`;\n+  return `Good morning, ${name}`;");
    expect(page).not.toContain("Generated from the course text");
    const first = changesPage(site, site.chapters[0]!, site.index.snapshots[0]!, undefined);
    expect(first).toContain("| [`src/greet.ts`](/code/01-fixture.html#file-src-greet-ts) | new | +4 |");
  });
});

describe("the site's exercises", () => {
  /** A course of one chapter and one exercise, whose `exercise.json` is `json` (none when undefined). */
  async function courseWithExercise(json: string | undefined): Promise<string> {
    const root = await mkdtemp(path.join(tmpdir(), "site-exercises-"));
    await mkdir(path.join(root, "chapters"));
    await writeFile(path.join(root, "chapters", "01-one.md"), `# One\n\n${fence("ts file=src/a.ts", "export const a = 1;")}\n`);
    await mkdir(path.join(root, "exercises", "01-echo"), { recursive: true });
    await writeFile(path.join(root, "exercises", "01-echo", "README.md"), "# An echo server\n\nSee [chapter 1](../../chapters/01-one.md).\n");
    if (json !== undefined) await writeFile(path.join(root, "exercises", "01-echo", "exercise.json"), json);
    return root;
  }
  const valid = { title: "Echo", chapter: 1, files: ["echo.ts"], tests: { echoes: 1 } };

  it("reads each exercise's chapter from its exercise.json, and its title from its statement", async () => {
    const root = await courseWithExercise(JSON.stringify(valid));
    const site = await loadCourseSite(root).finally(() => rm(root, { recursive: true, force: true }));
    expect(site.exercises).toEqual([{ dir: "exercises/01-echo", title: "An echo server", link: "/exercises/01-echo/", chapterNumber: 1 }]);
    expect(site.chapters[0]?.exercises).toEqual(site.exercises);
  });

  it("stops, naming the file, at an exercise.json that is missing, broken or names no chapter of the course", async () => {
    for (const [json, message] of [
      [undefined, /ENOENT.*01-echo\/exercise\.json/],
      ["{ title: 1 }", /01-echo\/exercise\.json: .*JSON/],
      [JSON.stringify({ ...valid, files: [] }), /01-echo\/exercise\.json: "files"/],
      [JSON.stringify({ ...valid, chapter: 2 }), /01-echo\/exercise\.json: there is no chapter 2 \(the chapters are 1\)/],
    ] as const) {
      const root = await courseWithExercise(json);
      await expect(loadCourseSite(root).finally(() => rm(root, { recursive: true, force: true }))).rejects.toThrow(message);
    }
  });
});
