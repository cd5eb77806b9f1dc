// The whole linted repository as rules see it: parsed once, shared by every rule.
import type { LintConfig } from '../config/config.js';
import type { MissingFile } from '../parse/ecspresso.js';
import type { MakeContext, Resolver } from '../resolve/values.js';
import type {
  EcspressoConfig,
  Job,
  ShellCommand,
  SourceFile,
  Span,
  Step,
  Workflow,
} from '../model/types.js';

/** A shell command together with the workflow step that (directly or through scripts) runs it. */
export interface CommandSite {
  readonly command: ShellCommand;
  /** The step whose `run:` runs it, directly or through the scripts in `via`. */
  readonly step: Step | undefined;
  /** Scripts and Makefiles between the step and the command, outermost first. */
  readonly via: readonly SourceFile[];
  /** Root-relative directory the command runs in (`.` for the root): the step's
   *  `working-directory`, moved by the `cd`s of the scripts that lead to it; undefined when a
   *  `cd` cannot be followed. */
  readonly directory: string | undefined;
  /** Set when a Makefile recipe runs it (directly or through scripts): the `make` command line's
   *  variables. */
  readonly make?: MakeContext | undefined;
}

export interface ParseFailure {
  readonly message: string;
  readonly span: Span;
  /** Set when a config parsed but names a definition file that does not exist. */
  readonly missing?: MissingFile | undefined;
  /** Set when the file was not read at all for its size (the config's `max-file-size`). */
  readonly tooLarge?: { readonly size: number; readonly limit: number };
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

// Listed once per project and shared: most rules walk every job or step, and a generator per walk
// allocated an iterator result for each of the 15,000 steps of a large repository, every time.
const jobLists = new WeakMap<Project, readonly Job[]>();
const stepLists = new WeakMap<Project, readonly Step[]>();

export function allJobs(project: Project): readonly Job[] {
  let jobs = jobLists.get(project);
  if (!jobs) {
    jobs = project.workflows.flatMap((workflow) => workflow.jobs);
    jobLists.set(project, jobs);
  }
  return jobs;
}

export function allSteps(project: Project): readonly Step[] {
  let steps = stepLists.get(project);
  if (!steps) {
    steps = allJobs(project).flatMap((job) => job.steps);
    stepLists.set(project, steps);
  }
  return steps;
}
