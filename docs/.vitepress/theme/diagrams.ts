/**
 * Draws the pictures of the page (mermaid fences, which the markdown writes as text in a
 * `<pre class="mermaid">`): after each page is shown, and again in the other colours when the
 * reader switches between light and dark. Mermaid's prebuilt file is loaded the first time a page
 * has a picture, so the pages without one never load it.
 */
import type { Mermaid } from "mermaid";
import mermaidUrl from "mermaid/dist/mermaid.min.js?url";

declare global {
  // Set by mermaid.min.js when it has loaded.
  var mermaid: Mermaid | undefined;
}

let loading: Promise<Mermaid> | undefined;

function loadMermaid(): Promise<Mermaid> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = mermaidUrl;
    script.onload = () => (globalThis.mermaid ? resolve(globalThis.mermaid) : reject(new Error("mermaid did not load")));
    script.onerror = () => reject(new Error(`cannot load ${mermaidUrl}`));
    document.head.append(script);
  });
  return loading;
}

/** Draws every picture of the page, in the colours of the page's current mode. */
export async function drawDiagrams(): Promise<void> {
  const diagrams = [...document.querySelectorAll<HTMLElement>("pre.mermaid")];
  if (diagrams.length === 0) return;
  const mermaid = await loadMermaid();
  const dark = document.documentElement.classList.contains("dark");
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default" });
  for (const diagram of diagrams) {
    // Keep the text, to draw it again in the other mode.
    diagram.dataset["source"] ??= diagram.textContent ?? "";
    diagram.removeAttribute("data-processed");
    diagram.textContent = diagram.dataset["source"];
  }
  try {
    await mermaid.run({ nodes: diagrams });
  } catch (error) {
    // The reader moved to another page while they were drawn: the pictures are gone, and mermaid
    // fails on them with an object that is not an Error. A picture still shown that fails does not.
    if (diagrams.some((diagram) => diagram.isConnected)) throw error;
  }
}

/** Draws the pictures again whenever the page switches between light and dark. */
export function redrawOnModeChange(): void {
  let dark = document.documentElement.classList.contains("dark");
  new MutationObserver(() => {
    const now = document.documentElement.classList.contains("dark");
    if (now !== dark) void drawDiagrams();
    dark = now;
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
}
