/**
 * The server names a problem in one tag as "interests.2"; the form shows it under the interests,
 * quoting the tag, and marks that chip. Other fields pass through unchanged.
 */
const LIST_FIELD = /^(interests|languages)\.(\d+)$/;

export interface ListFieldProblem {
  field: 'interests' | 'languages';
  index: number;
}

export function listFieldProblem(name: string): ListFieldProblem | null {
  const match = LIST_FIELD.exec(name);
  if (!match?.[1] || match[2] === undefined) return null;
  return { field: match[1] as ListFieldProblem['field'], index: Number(match[2]) };
}

/**
 * Folds "interests.N" and "languages.N" into their list's field (the first problem wins), with
 * `describe` writing the message for the item; returns the indexes of the interests with a problem.
 */
export function foldListFields(
  fields: Readonly<Record<string, string>>,
  describe: (problem: ListFieldProblem, message: string) => string,
): { fields: Record<string, string>; badInterests: number[] } {
  const folded: Record<string, string> = {};
  const badInterests: number[] = [];
  for (const [name, message] of Object.entries(fields)) {
    const problem = listFieldProblem(name);
    if (!problem) {
      folded[name] = message;
      continue;
    }
    if (problem.field === 'interests') badInterests.push(problem.index);
    folded[problem.field] ??= describe(problem, message);
  }
  return { fields: folded, badInterests };
}
