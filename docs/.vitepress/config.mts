// The site's configuration is made from the course itself: see tools/site/vitepress-config.ts.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitepress";
import { withMermaid } from "vitepress-plugin-mermaid";
import { courseSiteConfig } from "../../tools/site/vitepress-config.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// withMermaid renders the chapters' ```mermaid fences (their pictures, written as text) as diagrams.
export default withMermaid(defineConfig(await courseSiteConfig(root)));
