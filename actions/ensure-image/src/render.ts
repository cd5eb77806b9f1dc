// Renders the task definition a deploy will register, with the real ecspresso CLI, so the images
// checked are exactly the ones `ecspresso deploy` would use (templates, envfiles, tfstate, ssm…).
import { type ExecOutput, getExecOutput } from '@actions/exec';

export interface RenderOptions {
  /** The ecspresso binary (a name on PATH or a path). */
  readonly ecspresso: string;
  /** The ecspresso config file, relative to `cwd`. */
  readonly config: string;
  /** Exported as IMAGE_TAG for the render; when undefined the environment's IMAGE_TAG is kept. */
  readonly imageTag?: string;
  readonly cwd?: string;
}

/** ecspresso v2's syntax: `ecspresso render taskdef --config <config>`. */
export function renderArgs(config: string): string[] {
  return ['render', 'taskdef', '--config', config];
}

/** The rendered task definition JSON. Throws with ecspresso's stderr when it fails. */
export async function renderTaskDefinition(options: RenderOptions): Promise<string> {
  const args = renderArgs(options.config);
  const command = [options.ecspresso, ...args].join(' ');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  if (options.imageTag !== undefined) env['IMAGE_TAG'] = options.imageTag;
  let result: ExecOutput;
  try {
    // silent: the rendered JSON can hold resolved secrets (ssm, secretsmanager template functions).
    result = await getExecOutput(options.ecspresso, args, {
      env,
      cwd: options.cwd ?? process.cwd(),
      ignoreReturnCode: true,
      silent: true,
    });
  } catch (error) {
    throw new Error(
      `could not run \`${command}\`: ${(error as Error).message} (install ecspresso first, for example with doppio's setup-ecspresso action, or set the \`ecspresso\` input to its path)`,
    );
  }
  if (result.exitCode !== 0) {
    const stderr = result.stderr.trim();
    const tail = stderr.length > 4000 ? `…${stderr.slice(-4000)}` : stderr;
    throw new Error(
      `\`${command}\` failed (exit code ${result.exitCode}): ${tail || '(no output on stderr)'}`,
    );
  }
  return result.stdout;
}
