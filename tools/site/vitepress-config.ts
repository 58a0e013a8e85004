/**
 * The VitePress configuration of the course site, made from the course itself:
 * pages are read from chapters/, exercises/ and docs/ (VitePress's srcDir is the repository root),
 * the sidebar lists the chapters, exercises, code pages and API in reading order, and the
 * literate markdown-it plugin renders every fence but the diagrams, which are left for the browser
 * to draw.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type MarkdownIt from "markdown-it";
import type { DefaultTheme, UserConfig } from "vitepress";
import { documentLink, GENERATED, loadCourseSite, PAGE_FOLDERS, type CourseSite } from "./course-site.ts";
import { firstHeading } from "../literate/chapters.ts";
import { diagramsPlugin } from "./markdown/diagrams.ts";
import { highlightOnce } from "./markdown/highlight-once.ts";
import { literatePlugin } from "./markdown/literate-plugin.ts";

/** The site's configuration for the course rooted at `root`. */
export async function courseSiteConfig(root: string): Promise<UserConfig<DefaultTheme.Config>> {
  const site = await loadCourseSite(root);
  const first = site.chapters[0];
  return {
    title: "Networking in TypeScript",
    description: "A literate TypeScript course: a TCP car registration client and server, chapter by chapter.",
    lang: "en",
    srcDir: "..",
    outDir: "./dist",
    cacheDir: "../build/site/vitepress-cache",
    srcExclude: excludedSources(root),
    rewrites: {
      "docs/:rest*": ":rest*",
      "chapters/README.md": "chapters/index.md",
      "exercises/README.md": "exercises/index.md",
      "exercises/:name/README.md": "exercises/:name/index.md",
    },
    cleanUrls: false,
    // The local search index holds every page, code included: a big chunk, loaded only to search.
    vite: { build: { chunkSizeWarningLimit: 4096 } },
    lastUpdated: false,
    markdown: {
      theme: { light: "github-light", dark: "github-dark" },
      // VitePress bundles its own copy of markdown-it's types, which differ from @types/markdown-it
      // in details the plugin does not use; the object is the same markdown-it instance.
      config: (md) => {
        highlightOnce(md as unknown as MarkdownIt);
        literatePlugin(md as unknown as MarkdownIt, site);
        diagramsPlugin(md as unknown as MarkdownIt);
      },
    },
    transformPageData(pageData) {
      const actions = (pageData.frontmatter["hero"] as { actions?: { link: string }[] } | undefined)?.actions;
      const start = actions?.[0];
      if (start !== undefined && start.link === "@first-chapter") start.link = first?.link ?? "/chapters/";
    },
    themeConfig: {
      nav: [
        { text: "Chapters", link: first?.link ?? "/chapters/" },
        ...exercisesNav(site),
        { text: "API", link: "/api/" },
      ],
      sidebar: sidebar(site),
      search: { provider: "local" },
      outline: { level: [2, 3] },
      docFooter: { prev: "Previous", next: "Next" },
    },
  };
}

/** The navigation bar's link to the exercises: their own index if they have one, else the first. */
function exercisesNav(site: CourseSite): DefaultTheme.NavItem[] {
  const link = existsSync(path.join(site.root, "exercises", "README.md")) ? "/exercises/" : site.exercises[0]?.link;
  return link === undefined ? [] : [{ text: "Exercises", link }];
}

/** Every top-level entry of the repository except the folders that hold pages, and the READMEs. */
function excludedSources(root: string): string[] {
  const keep = new Set<string>(PAGE_FOLDERS);
  const others = readdirSync(root).filter((name) => !keep.has(name)).map((name) => `${name}/**`);
  return [...others, "README.md", "**/node_modules/**", "docs/dist/**", "docs/.vitepress/**", "docs/README.md"];
}

function sidebar(site: CourseSite): DefaultTheme.SidebarItem[] {
  const items: DefaultTheme.SidebarItem[] = [
    { text: "Introduction", items: [{ text: "Home", link: "/" }, { text: "How this course is written", link: "/chapters/" }] },
    {
      text: "Chapters",
      items: site.chapters.map((page) => ({ text: `${page.chapter.number}. ${page.title}`, link: page.link })),
    },
  ];
  const appendices = site.chapters[0]?.chapter.appendices ?? [];
  if (appendices.length > 0) {
    items.push({ text: "Appendix", items: appendices.map((appendix) => ({ text: firstHeading(appendix.text) ?? appendix.file, link: documentLink(appendix.file) })) });
  }
  if (site.exercises.length > 0) {
    items.push({
      text: "Exercises",
      ...(existsSync(path.join(site.root, "exercises", "README.md")) ? { link: "/exercises/" } : {}),
      items: site.exercises.map((exercise) => ({ text: exercise.title, link: exercise.link })),
    });
  }
  items.push({
    text: "Code by chapter",
    collapsed: true,
    items: site.chapters.flatMap((page) => [
      { text: `Code as of chapter ${page.chapter.number}`, link: page.codeLink },
      { text: `Changes in chapter ${page.chapter.number}`, link: page.changesLink },
      ...(page.chapter.tests === undefined ? [] : [{ text: `Tests of chapter ${page.chapter.number}`, link: documentLink(page.chapter.tests.file) }]),
    ]),
  });
  items.push({ text: "API reference", collapsed: true, link: "/api/", items: apiSidebar(site.root) });
  return items;
}

function apiSidebar(root: string): DefaultTheme.SidebarItem[] {
  const file = path.join(root, GENERATED.api, "typedoc-sidebar.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DefaultTheme.SidebarItem[]) : [];
}
