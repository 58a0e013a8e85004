// The default theme, with the styles of the literate captions and cross-references.
import DefaultTheme from "vitepress/theme";
import "./literate.css";

export default DefaultTheme;
