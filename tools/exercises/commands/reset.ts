/** `npm run exercise -- reset ID`: puts the starter back, keeping the student's version. */
import path from "node:path";
import type { CourseLayout, GradedExercise } from "../catalog.ts";
import { resetToStarter } from "../starter-files.ts";

/** Resets the exercise's files and says where the student's version went. */
export async function resetCommand(layout: CourseLayout, exercise: GradedExercise): Promise<number> {
  const backup = await resetToStarter(layout, exercise);
  console.log(`${exercise.id}: ${exercise.files.join(", ")} reset to the starter; your version is in ${path.relative(process.cwd(), backup)}/`);
  return 0;
}
