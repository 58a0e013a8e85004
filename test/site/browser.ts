/**
 * What the site's browser tests share: the built site served over HTTP from docs/dist/, as any
 * static host would serve it, and Debian's chromium driven by playwright-core.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

/** The built site, relative to the repository root. */
export const DIST = path.resolve("docs/dist");

/** Where the browser tests leave their screenshots. */
export const SCREENSHOTS = path.resolve("build/screenshots");

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** The file a URL path names in the built site: `/x/` is `/x/index.html`. */
export function fileOfPath(urlPath: string): string {
  const decoded = decodeURIComponent(urlPath);
  return path.join(DIST, decoded.endsWith("/") ? `${decoded}index.html` : decoded);
}

/** A static HTTP server for docs/dist/ on a free port of 127.0.0.1. */
export class SiteServer implements AsyncDisposable {
  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<SiteServer> {
    const server = createServer((request, response) => {
      const file = fileOfPath(new URL(request.url ?? "/", "http://site").pathname);
      const found = file.startsWith(DIST) && existsSync(file);
      readFile(found ? file : path.join(DIST, "404.html")).then(
        (body) => response.writeHead(found ? 200 : 404, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(body),
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return new SiteServer(server, `http://127.0.0.1:${port}`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Starts headless chromium, or fails saying how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: the site's browser tests need Debian's chromium (apt-get install -y chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
  });
}
