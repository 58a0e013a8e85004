// The default theme, with the styles of the literate captions and cross-references, and the
// chapters' pictures drawn in the browser.
import { useRoute, type Theme } from "vitepress";
import DefaultTheme from "vitepress/theme";
import { nextTick, onMounted, watch } from "vue";
import { drawDiagrams, redrawOnModeChange } from "./diagrams.ts";
import "./literate.css";

export default {
  extends: DefaultTheme,
  setup() {
    const route = useRoute();
    onMounted(() => {
      void drawDiagrams();
      redrawOnModeChange();
    });
    watch(() => route.path, () => void nextTick(drawDiagrams));
  },
} satisfies Theme;
