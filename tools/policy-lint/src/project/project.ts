// The whole linted repository as rules see it: parsed once, shared by every rule.
import type { LintConfig } from '../config/config.js';
import type { Resolver } from '../resolve/values.js';
import type { EcspressoConfig, Job, ShellCommand, SourceFile, Span, Step, Workflow } from '../model/types.js';

/** A shell command together with the workflow step that (directly or through scripts) runs it. */
export interface CommandSite {
  readonly command: ShellCommand;
  /** The step whose `run:` runs it, directly or through the scripts in `via`. */
  readonly step: Step | undefined;
  /** Scripts and Makefiles between the step and the command, outermost first. */
  readonly via: readonly SourceFile[];
  /** Root-relative directory the command runs in (`.` for the root). */
  readonly directory: string;
}

export interface ParseFailure {
  readonly message: string;
  readonly span: Span;
}

export interface Project {
  /** Absolute path of the linted root. */
  readonly root: string;
  readonly config: LintConfig;
  /** Every file read, in path order. */
  readonly files: readonly SourceFile[];
  readonly workflows: readonly Workflow[];
  readonly ecspressoConfigs: readonly EcspressoConfig[];
  /** Every shell command reachable from a workflow step, in file order. */
  readonly commandSites: readonly CommandSite[];
  readonly parseFailures: readonly ParseFailure[];
  /** Follows values across the workflows; shared so its caches serve every rule. */
  readonly resolver: Resolver;
}

export function* allJobs(project: Project): Iterable<Job> {
  for (const workflow of project.workflows) yield* workflow.jobs;
}

export function* allSteps(project: Project): Iterable<Step> {
  for (const job of allJobs(project)) yield* job.steps;
}

/** The command's name without its directory (`/usr/local/bin/ecspresso` → `ecspresso`). */
export function commandName(command: ShellCommand): string | undefined {
  const name = command.name?.literal;
  return name === undefined ? undefined : name.slice(name.lastIndexOf('/') + 1);
}
