// Which ecspresso config a command uses, for every combination of its job's matrix:
// `--config .ecspresso/${{ matrix.env }}/config.yaml` names one config per environment.
import { posix } from 'node:path';
import type { Job, Scalar } from '../model/types.js';
import type { Piece, Resolver, Scope } from '../resolve/values.js';
import type { EcspressoInvocation } from '../vocabulary/ecspresso.js';
import type { CommandSite } from './project.js';

/** A bound on matrix combinations followed; larger matrices are rare and stay partly unknown. */
const MAX_COMBINATIONS = 64;

/**
 * The job's matrix combinations as GitHub forms them: the product of the keys, then each `include`
 * entry extends every combination it matches (it may not overwrite an original key's value) or,
 * matching none, is a combination of its own. `exclude` is not applied: an excluded combination
 * only adds a value that may not run.
 */
export function matrixCombinations(job: Job | undefined): ReadonlyMap<string, Scalar>[] {
  if (!job) return [new Map()];
  const { keys, include } = job.matrix;
  let combinations: Map<string, Scalar>[] = [new Map()];
  for (const [key, values] of keys) {
    const next = combinations.flatMap((c) => values.map((v) => new Map([...c, [key, v]])));
    if (next.length > MAX_COMBINATIONS) break;
    combinations = next;
  }
  if (keys.size === 0 && include.length > 0) combinations = [];
  for (const entry of include) {
    const matching = combinations.filter((c) =>
      [...entry].every(([k, v]) => !keys.has(k) || c.get(k)?.value === v.value),
    );
    if (matching.length === 0) combinations.push(new Map(entry));
    for (const c of matching) for (const [k, v] of entry) if (!keys.has(k)) c.set(k, v);
  }
  return combinations.length > 0 ? combinations : [new Map()];
}

export interface ConfigUse {
  readonly scope: Scope;
  /** Root-relative config path; undefined when it cannot be known. */
  readonly path: string | undefined;
}

/** The config each matrix combination of the command's job uses (`ecspresso.yml` by default). */
export function configUses(
  site: CommandSite,
  invocation: EcspressoInvocation,
  resolver: Resolver,
): ConfigUse[] {
  const flag = invocation.flags.find((f) => f.name === 'config');
  const base = scopeOf(site);
  const uses = matrixCombinations(site.step?.job).map((matrix): ConfigUse => {
    const scope = { ...base, matrix };
    if (!flag) return { scope, path: join(site.directory, 'ecspresso.yml') };
    const word = flag.value;
    if (word === undefined) return { scope, path: undefined };
    const raw = typeof word === 'string' ? word : word.raw;
    const path = literal(
      resolver.shellText(raw, typeof word === 'string' ? flag.word.span : word.span, scope, 0),
    );
    return { scope, path: path === undefined ? undefined : join(site.directory, path) };
  });
  return uses;
}

/** The config (and environment input) of each matrix combination of a doppio deploy-ecspresso call. */
export function doppioDeployUses(
  job: Job,
  resolver: Resolver,
): (ConfigUse & { readonly environment: string | undefined })[] {
  const read = (value: Scalar | undefined, scope: Scope): string | undefined =>
    value ? literal(resolver.expressionText(value, scope)) : undefined;
  const uses = matrixCombinations(job).map((matrix) => {
    const scope: Scope = { workflow: job.workflow, job, matrix };
    const path = read(job.with.get('config'), scope);
    return {
      scope,
      path: path === undefined ? undefined : join('.', path),
      environment: read(job.environment, scope) ?? read(job.with.get('environment'), scope),
    };
  });
  return uses;
}

/** The text of a value made of literal pieces only; undefined when any part is not known. */
export function literal(pieces: readonly Piece[] | undefined): string | undefined {
  if (!pieces?.every((p) => p.kind === 'text')) return undefined;
  const text = pieces.map((p) => (p.kind === 'text' ? p.text : '')).join('');
  return text.includes('$') ? undefined : text;
}

/** The scope of a command: its step, and the commands before it in the same script. */
export function scopeOf(site: CommandSite): Scope {
  const step = site.step!;
  const commands = step.script?.commands ?? [];
  const index = site.via.length === 0 ? commands.indexOf(site.command) : -1;
  return {
    workflow: step.job.workflow,
    job: step.job,
    step,
    command: site.command,
    earlier: index > 0 ? commands.slice(0, index) : [],
  };
}

function join(directory: string, path: string): string {
  return posix.normalize(directory === '.' ? path : `${directory}/${path}`);
}
