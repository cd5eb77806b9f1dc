// The container images a rendered task definition names: what ECS will pull for this deploy.

/**
 * Reads `ecspresso render taskdef` output (also accepts the `{"taskDefinition": {…}}` shape of
 * `aws ecs describe-task-definition`, which ecspresso reads too). Images in container order,
 * duplicates dropped.
 */
export function imagesFromTaskDefinition(json: string): string[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error(
      `the rendered task definition is not JSON (${(error as Error).message}): ${excerpt(json)}`,
    );
  }
  const root = data as { taskDefinition?: unknown } | null;
  const taskDefinition = (
    typeof root?.taskDefinition === 'object' ? root.taskDefinition : root
  ) as { containerDefinitions?: unknown } | null;
  const containers = taskDefinition?.containerDefinitions;
  if (!Array.isArray(containers) || containers.length === 0)
    throw new Error('the rendered task definition has no `containerDefinitions`');
  const images = containers.map((container: { name?: unknown; image?: unknown } | null, index) => {
    const image = container?.image;
    if (typeof image !== 'string' || image.trim() === '') {
      const name = typeof container?.name === 'string' ? `\`${container.name}\`` : `#${index + 1}`;
      throw new Error(`container ${name} of the rendered task definition has no \`image\``);
    }
    return image.trim();
  });
  return [...new Set(images)];
}

function excerpt(text: string): string {
  const trimmed = text.trim();
  return trimmed === ''
    ? '(empty output)'
    : trimmed.length > 200
      ? `${trimmed.slice(0, 200)}…`
      : trimmed;
}
