/**
 * `npm run student-release -- OUT`: writes a copy of the course for students to OUT, without the
 * solutions or the hidden tests. Run `npm ci && npm test` in OUT to check it.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { courseLayout } from "../exercises/catalog.ts";
import { writeStudentRelease } from "./student-release.ts";

const [out, ...rest] = process.argv.slice(2);
if (out === undefined || rest.length > 0) {
  console.error("usage: npm run student-release -- OUT");
  process.exitCode = 2;
} else {
  try {
    const layout = courseLayout(fileURLToPath(new URL("../..", import.meta.url)));
    const count = await writeStudentRelease(layout, path.resolve(out));
    console.log(`wrote ${count} files to ${out}: the course without solutions/ or hidden tests`);
    console.log(`check it: cd ${out} && npm ci && npm test`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}
