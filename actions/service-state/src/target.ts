// Which service to read: `cluster` + `service` as given, or the ones an ecspresso config names.
//
// A config is read by ecspresso itself (`ecspresso render config --config <path>`), not re-parsed
// here: ecspresso configs are YAML, JSON or Jsonnet, run through Go templates (`must_env`, `env`,
// `json_escape`) and plugin functions (`tfstate`, `ssm`, …), and ecspresso fills in defaults
// (`cluster: default`, the region from AWS_REGION). Only ecspresso reproduces all of that; the
// rendered config is the same one `ecspresso rollback` reads a moment later. `render` makes no ECS
// call. It prints YAML (ecspresso's Config encoded with goccy/go-yaml: `region`, `cluster`,
// `service`, `task_definition`, …).
import { type ExecOutput, getExecOutput } from '@actions/exec';
import { parse } from 'yaml';

export interface ServiceTarget {
  readonly cluster: string;
  readonly service: string;
  /** The region the config names (ecspresso's own default is AWS_REGION); undefined for plain names. */
  readonly region: string | undefined;
  /** The config the names came from, for messages; undefined when they were given directly. */
  readonly config: string | undefined;
}

export interface TargetInputs {
  readonly cluster: string;
  readonly service: string;
  readonly config: string;
  /** Path or name of the ecspresso binary. */
  readonly ecspresso: string;
}

export async function resolveTarget(
  inputs: TargetInputs,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServiceTarget> {
  const named = inputs.cluster !== '' || inputs.service !== '';
  if (inputs.config !== '' && named) {
    throw new Error(
      'give either `config` (an ecspresso config) or `cluster` and `service`, not both',
    );
  }
  if (inputs.config !== '') {
    const rendered = await renderConfig(inputs.ecspresso, inputs.config, env);
    return parseRenderedConfig(rendered, inputs.config);
  }
  if (inputs.cluster === '' || inputs.service === '') {
    throw new Error(
      'name the service: set `cluster` and `service`, or `config` (the path of an ecspresso config)',
    );
  }
  return { cluster: inputs.cluster, service: inputs.service, region: undefined, config: undefined };
}

/** Runs `<ecspresso> render config --config <path>` and returns what it printed. */
export async function renderConfig(
  ecspresso: string,
  config: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  let result: ExecOutput;
  try {
    result = await getExecOutput(ecspresso, ['render', 'config', '--config', config], {
      silent: true,
      ignoreReturnCode: true,
      env: Object.fromEntries(
        Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
      ),
    });
  } catch (error) {
    throw new Error(
      `cannot run ecspresso (\`${ecspresso}\`) to read the config ${config}: ${(error as Error).message}. Install it first (doppio's setup-ecspresso action), or pass its path as \`ecspresso\`, or give \`cluster\` and \`service\` instead of \`config\``,
    );
  }
  if (result.exitCode !== 0) {
    const reason = lastLines(result.stderr || result.stdout, 5);
    throw new Error(
      `\`ecspresso render config --config ${config}\` failed (exit ${result.exitCode})${reason ? `: ${reason}` : ''}`,
    );
  }
  return result.stdout;
}

/** Reads cluster, service and region from the YAML `ecspresso render config` prints. */
export function parseRenderedConfig(text: string, config: string): ServiceTarget {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new Error(
      `the rendered ecspresso config ${config} is not YAML: ${(error as Error).message}`,
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(
      `the rendered ecspresso config ${config} is not a mapping (got ${JSON.stringify(lastLines(text, 3))})`,
    );
  }
  const record = data as Record<string, unknown>;
  const text_ = (key: string): string | undefined => {
    const value = record[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const service = text_('service');
  if (!service)
    throw new Error(
      `the ecspresso config ${config} names no \`service\`: set \`service:\` in it, or give \`cluster\` and \`service\` instead of \`config\``,
    );
  // ecspresso's own default when a config leaves `cluster` out.
  return { cluster: text_('cluster') ?? 'default', service, region: text_('region'), config };
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' | ');
}
