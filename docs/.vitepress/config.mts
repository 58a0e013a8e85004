// The site's configuration is made from the course itself: see tools/site/vitepress-config.ts.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitepress";
import { courseSiteConfig } from "../../tools/site/vitepress-config.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export default defineConfig(await courseSiteConfig(root));
