// A task definition named the two ways ECS and ecspresso print it: a full ARN or `family:revision`.
// Two names are the same revision when family and revision agree: inside one service's account and
// region that pair is unique, and moto even stores the raw `family:revision` a caller passed.

export interface TaskDefinitionRef {
  readonly family: string;
  readonly revision: number;
}

// Family names: letters, digits, hyphens and underscores, up to 255 (the RegisterTaskDefinition rule).
const FAMILY_REVISION = /^([A-Za-z0-9_-]{1,255}):([1-9][0-9]*)$/;
const ARN =
  /^arn:aws[a-z-]*:ecs:[a-z0-9-]*:[0-9]*:task-definition\/([A-Za-z0-9_-]{1,255}):([1-9][0-9]*)$/;

/** Parses an ARN or `family:revision`; undefined for anything else (a bare family has no revision). */
export function parseTaskDefinitionRef(text: string): TaskDefinitionRef | undefined {
  const match = ARN.exec(text.trim()) ?? FAMILY_REVISION.exec(text.trim());
  return match ? { family: match[1]!, revision: Number(match[2]) } : undefined;
}

/** Like parseTaskDefinitionRef, but throws an Error that says what `input` must look like. */
export function requireTaskDefinitionRef(text: string, input: string): TaskDefinitionRef {
  const ref = parseTaskDefinitionRef(text);
  if (!ref) {
    throw new Error(
      `\`${input}\` must be a task definition ARN (arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>) or \`<family>:<revision>\`, got ${JSON.stringify(text)}`,
    );
  }
  return ref;
}

export function sameRevision(a: TaskDefinitionRef, b: TaskDefinitionRef): boolean {
  return a.family === b.family && a.revision === b.revision;
}

export function formatRef(ref: TaskDefinitionRef): string {
  return `${ref.family}:${ref.revision}`;
}
