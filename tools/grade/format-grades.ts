import type { ExerciseGrade } from "./scoring.ts";
import type { StudentGrade, SubmissionGrade } from "./grade-submission.ts";

/** The JSON written for one submission: `{score, max, exercises: [{id, score, max, passed, failed, feedback}]}` and details. */
export function submissionJson(grade: SubmissionGrade): unknown {
  return {
    score: grade.score,
    max: grade.max,
    exercises: grade.exercises.map((exercise) => ({
      id: exercise.id,
      title: exercise.title,
      score: exercise.score,
      max: exercise.max,
      passed: exercise.passed,
      failed: exercise.failed,
      feedback: exercise.feedback,
      tests: exercise.tests.map(({ name, points, passed, message }) => ({ name, points, passed, ...(message ? { message } : {}) })),
    })),
  };
}

/** The JSON written for a class: one submission's JSON per student. */
export function classJson(grades: readonly StudentGrade[]): unknown {
  return { students: grades.map((grade) => ({ student: grade.student, ...(submissionJson(grade) as object) })) };
}

/** A table of the exercises (tests passed, points), the total, then the feedback of each exercise not at full marks. */
export function formatSubmission(grade: SubmissionGrade): string {
  const rows = grade.exercises.map((exercise) => [
    exercise.id,
    `${exercise.passed}/${exercise.passed + exercise.failed}`,
    `${exercise.score}/${exercise.max}`,
  ]);
  const table = formatTable(["exercise", "tests passed", "points"], rows, ["total", "", `${grade.score}/${grade.max}`]);
  const feedback = grade.exercises.filter((exercise) => exercise.feedback.length > 0).map(formatFeedback);
  return [table, ...feedback].join("\n\n");
}

/** One exercise's feedback, indented under its id. */
export function formatFeedback(exercise: ExerciseGrade): string {
  const lines = exercise.feedback.flatMap((line) => line.split("\n"));
  return `${exercise.id} (${exercise.score}/${exercise.max}):\n${lines.map((line) => `  ${line}`).join("\n")}`;
}

/** One row per student: total, then the points of each exercise. */
export function formatClass(grades: readonly StudentGrade[]): string {
  const ids = grades[0]?.exercises.map((exercise) => exercise.id) ?? [];
  const rows = grades.map((grade) => [grade.student, `${grade.score}/${grade.max}`, ...grade.exercises.map((exercise) => String(exercise.score))]);
  return formatTable(["student", "points", ...ids.map((id) => id.slice(0, 2))], rows);
}

/** The class as CSV: `student,score,max,<exercise id>...`. */
export function classCsv(grades: readonly StudentGrade[]): string {
  const ids = grades[0]?.exercises.map((exercise) => exercise.id) ?? [];
  const lines = [["student", "score", "max", ...ids]];
  for (const grade of grades) {
    lines.push([grade.student, String(grade.score), String(grade.max), ...grade.exercises.map((exercise) => String(exercise.score))]);
  }
  return lines.map((line) => line.map(csvField).join(",")).join("\n") + "\n";
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function formatTable(header: readonly string[], rows: readonly (readonly string[])[], footer?: readonly string[]): string {
  const all = [header, ...rows, ...(footer ? [footer] : [])];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? "").length)));
  const line = (row: readonly string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join("  ").trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [line(header), rule, ...rows.map(line), ...(footer ? [rule, line(footer)] : [])].join("\n");
}
