import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DIST, fileOfPath } from "./browser.ts";

/** Every HTML page of the built site, as site paths (`/chapters/01-wire-format.html`). */
function pages(): string[] {
  return readdirSync(DIST, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .map((file) => `/${file.split(path.sep).join("/")}`)
    .sort();
}

const ids = new Map<string, Set<string>>();

/** The ids of a page's elements: the targets of `#fragment` links. */
function idsOf(file: string): Set<string> {
  let found = ids.get(file);
  if (found === undefined) {
    found = new Set([...readFileSync(file, "utf8").matchAll(/\sid="([^"]*)"/g)].map((match) => decodeEntities(match[1] ?? "")));
    ids.set(file, found);
  }
  return found;
}

function decodeEntities(text: string): string {
  return text.replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The internal links of a page that lead nowhere, with why. */
function brokenLinks(page: string): string[] {
  const html = readFileSync(fileOfPath(page), "utf8");
  const broken: string[] = [];
  for (const match of html.matchAll(/<(a|link|script|img)\b[^>]*?\s(href|src)="([^"]*)"/g)) {
    const [, tag = "", , raw = ""] = match;
    const href = decodeEntities(raw);
    const url = new URL(href, `http://site${page}`);
    if (url.host !== "site" || url.protocol !== "http:") continue;
    const file = fileOfPath(url.pathname);
    if (!existsSync(file)) {
      broken.push(`${href} (no page ${url.pathname})`);
      continue;
    }
    const fragment = decodeURIComponent(url.hash.slice(1));
    if (tag === "a" && fragment !== "" && file.endsWith(".html") && !idsOf(file).has(fragment)) {
      broken.push(`${href} (no #${fragment} on ${url.pathname})`);
    }
  }
  return broken;
}

describe("the built site's links", () => {
  it("has a page for the home, every chapter, code page, changes page and the API index", () => {
    const all = pages();
    expect(all).toContain("/index.html");
    expect(all).toContain("/api/index.html");
    for (const chapter of readdirSync("chapters").filter((name) => /^\d{2}-.*\.md$/.test(name))) {
      const slug = chapter.slice(0, -3);
      expect(all).toEqual(expect.arrayContaining([`/chapters/${slug}.html`, `/code/${slug}.html`, `/changes/${slug}.html`]));
    }
  });

  it("resolves every internal link and fragment of every page", () => {
    const broken = pages().flatMap((page) => brokenLinks(page).map((problem) => `${page}: ${problem}`));
    expect(broken).toEqual([]);
  });

  it("shows every exercise statement and never a solution", () => {
    const all = pages();
    const exercises = existsSync("exercises")
      ? readdirSync("exercises").filter((name) => existsSync(path.join("exercises", name, "README.md")))
      : [];
    for (const name of exercises) expect(all).toContain(`/exercises/${name}/index.html`);
    expect(all.filter((page) => /solution/i.test(page))).toEqual([]);
    const linksToSolutions = all.filter((page) => /href="[^"]*solutions\//.test(readFileSync(fileOfPath(page), "utf8")));
    expect(linksToSolutions).toEqual([]);
  });
});
