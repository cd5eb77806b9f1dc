// Which ecspresso config a command uses, for every combination of its job's matrix:
// `--config .ecspresso/${{ matrix.env }}/config.yaml` names one config per environment.
import { posix } from 'node:path';
import type { Job, Scalar } from '../model/types.js';
import { alternatives, type Piece, type Resolver, type Scope } from '../resolve/values.js';
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

/** The configs each matrix combination of the command's job uses (`ecspresso.yml` by default):
 *  one per value of a `--config` path built from a variable with several values. */
export function configUses(
  site: CommandSite,
  invocation: EcspressoInvocation,
  resolver: Resolver,
): ConfigUse[] {
  const flag = invocation.flags.find((f) => f.name === 'config');
  const base = scopeOf(site);
  const directory = site.directory;
  return matrixCombinations(site.step?.job).flatMap((matrix): ConfigUse[] => {
    const scope = { ...base, matrix };
    if (directory === undefined) return [{ scope, path: undefined }];
    if (!flag) return [{ scope, path: join(directory, 'ecspresso.yml') }];
    const word = flag.value;
    if (word === undefined) return [{ scope, path: undefined }];
    const raw = typeof word === 'string' ? word : word.raw;
    const pieces = resolver.shellText(
      raw,
      typeof word === 'string' ? flag.word.span : word.span,
      scope,
      0,
    );
    return literals(pieces).map((path) => ({
      scope,
      path: path === undefined ? undefined : join(directory, path),
    }));
  });
}

/** The config (and environment input) of each matrix combination of a doppio deploy-ecspresso call. */
export function doppioDeployUses(
  job: Job,
  resolver: Resolver,
): (ConfigUse & { readonly environment: string | undefined })[] {
  const read = (value: Scalar | undefined, scope: Scope): string | undefined =>
    value ? literal(resolver.expressionText(value, scope)) : undefined;
  return matrixCombinations(job).flatMap((matrix) => {
    const scope: Scope = { workflow: job.workflow, job, matrix };
    const config = job.with.get('config');
    const environment = read(job.environment, scope) ?? read(job.with.get('environment'), scope);
    return (config ? literals(resolver.expressionText(config, scope)) : [undefined]).map(
      (path) => ({ scope, path: path === undefined ? undefined : join('.', path), environment }),
    );
  });
}

/** The text of each value the pieces may have (see alternatives), undefined where not known. */
export function literals(pieces: readonly Piece[]): (string | undefined)[] {
  return [...new Set(alternatives(pieces).map(literal))];
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
    make: site.make,
  };
}

function join(directory: string, path: string): string {
  return posix.normalize(directory === '.' ? path : `${directory}/${path}`);
}
