// Discovers and parses everything a repository's deploy flow touches: workflows, the scripts and
// Makefile targets their steps run, ecspresso configs (referenced by --config or found by their
// usual names) and the task and service definitions those configs name. Each file is read and
// parsed once.
import {
  closeSync,
  constants,
  type Dirent,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { join, posix, sep } from 'node:path';
import type { LintConfig } from '../config/config.js';
import type {
  EcspressoConfig,
  FileKind,
  ShellCommand,
  ShellScript,
  SourceFile,
  Step,
  Workflow,
} from '../model/types.js';
import { makeSourceFile } from '../model/source.js';
import { loadEcspressoConfig } from '../parse/ecspresso.js';
import { parseMakefile, targetsRun, type Makefile } from '../parse/makefile.js';
import { initShellParser, parseShell } from '../parse/shell.js';
import { wrapped } from '../parse/shell-wrappers.js';
import { parseWorkflow } from '../parse/workflow.js';
import { knownOutputs } from '../resolve/known-outputs.js';
import { stepWrites } from '../resolve/step-writes.js';
import { type MakeContext, Resolver } from '../resolve/values.js';
import type { DeclaredCommand } from './script-interest.js';
import { configUses, doppioDeployUses, scopeOf } from './config-paths.js';
import { doppioWorkflow } from '../vocabulary/doppio.js';
import { globMatcher } from './glob.js';
import { ecspressoInvocation } from '../vocabulary/ecspresso.js';
import { commandName } from '../vocabulary/commands.js';
import type { CommandSite, ParseFailure, Project } from './project.js';
import { ScriptInterest } from './script-interest.js';

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.cache', 'vendor', '.terraform']);
const ECSPRESSO_CONFIG_NAME = /^(ecspresso\.(ya?ml|json|jsonnet)|config_[^/]*\.ya?ml)$/;
const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'source', '.']);
/** Directories discovery looks in: a symbolic link there is reported, since it is never entered. */
const LOOKED_IN_DIRECTORY = /^\.github(\/workflows)?$|(^|\/)\.ecspresso(\/|$)/;

export interface LoadHooks {
  /** Called once every workflow file is read, before any is parsed (actionlint starts then). */
  readonly workflowsRead?: (files: readonly SourceFile[]) => void;
}

/**
 * `commands`: the shell commands the rules read (their `meta.commands`). The shell parser
 * (tree-sitter) is started only when a workflow has a `run:` step, the first script it could parse.
 */
export async function loadProject(
  root: string,
  config: LintConfig,
  commands: readonly DeclaredCommand[],
  hooks: LoadHooks = {},
): Promise<Project> {
  return new Loader(root, config, commands).load(hooks);
}

class Loader {
  private readonly files = new Map<string, SourceFile | null>();
  private readonly failures: ParseFailure[] = [];
  private readonly makefiles = new Map<string, Makefile>();
  private readonly scripts = new Map<string, ShellScript>();
  private readonly commandSites: CommandSite[] = [];
  private readonly configs = new Map<string, EcspressoConfig>();
  private readonly ignored: (path: string) => boolean;
  private readonly resolver: Resolver;
  /** Regular files the walk met (not through a link): read without resolving links. */
  private readonly plainFiles = new Set<string>();
  /** Files reported as a parse-error before their text could be read: never handed out. */
  private readonly unreadable = new Set<string>();
  private realRoot: string | undefined;

  constructor(
    private readonly root: string,
    private readonly config: LintConfig,
    private readonly commands: readonly DeclaredCommand[],
  ) {
    this.ignored = globMatcher(config.ignore);
    this.resolver = new Resolver(stepWrites, knownOutputs(config));
  }

  async load(hooks: LoadHooks): Promise<Project> {
    const paths = this.walk('');
    const repositoryNames = new Set(
      paths.filter((p) => !p.startsWith('.github/workflows/')).map((p) => posix.basename(p)),
    );
    const interest = new ScriptInterest(this.commands, repositoryNames);
    const workflowFiles = paths
      .filter((p) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p))
      .flatMap((path) => this.read(path, 'workflow') ?? []);
    hooks.workflowsRead?.(workflowFiles);
    const workflows: Workflow[] = [];
    for (const file of workflowFiles) {
      const parsed = parseWorkflow(file);
      if (parsed.ok) workflows.push(parsed.value);
      else this.failures.push(parsed.problem);
    }
    // Rules parse scripts too (a step's `$GITHUB_ENV` writes): the parser is needed once any
    // step has a script, and only then.
    if (workflows.some((w) => w.jobs.some((j) => j.steps.some((s) => s.run !== undefined))))
      await initShellParser();
    for (const workflow of workflows) {
      for (const job of workflow.jobs) {
        if (doppioWorkflow(job.uses, this.config) === 'deploy-ecspresso') {
          for (const use of doppioDeployUses(job, this.resolver))
            if (use.path !== undefined) this.loadConfig(use.path, false);
        }
        for (const step of job.steps) {
          if (!step.run || !interest.matters(step.run.value, step.env)) continue;
          if (step.script)
            this.visitScript(
              step.script,
              step,
              [],
              step.workingDirectory ? posix.normalize(step.workingDirectory) : '.',
              undefined,
            );
        }
      }
    }
    for (const path of paths) {
      const name = posix.basename(path);
      if (ECSPRESSO_CONFIG_NAME.test(name) || /(^|\/)\.ecspresso\/(.*\/)?config\.[^/]+$/.test(path))
        this.loadConfig(path, name.startsWith('config_'));
    }
    const files = [...this.files.values()]
      .filter((f): f is SourceFile => f !== null)
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return {
      root: this.root,
      config: this.config,
      files,
      workflows,
      ecspressoConfigs: [...this.configs.values()],
      commandSites: this.commandSites,
      parseFailures: this.failures,
      resolver: this.resolver,
    };
  }

  /** Root-relative `/` paths of every file under `dir`, minus ignored ones. */
  private walk(dir: string): string[] {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(this.root, dir), { withFileTypes: true });
    } catch {
      return [];
    }
    const out: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (this.ignored(path)) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) out.push(...this.walk(path));
      } else if (entry.isFile()) {
        this.plainFiles.add(path);
        out.push(path);
      } else if (entry.isSymbolicLink()) {
        // Linked directories are never entered (no loops, nothing linted twice); a linked file is
        // a candidate like any file, and read() decides whether it may be followed.
        if (LOOKED_IN_DIRECTORY.test(path) && this.isDirectoryLink(path))
          this.reportUnreadable(
            path,
            'workflow',
            'a symbolic link to a directory, which is not followed: its files were not linted',
          );
        else out.push(path);
      }
    }
    return out;
  }

  private isDirectoryLink(path: string): boolean {
    try {
      return statSync(join(this.root, path)).isDirectory();
    } catch {
      return false;
    }
  }

  /** Why a path may not be followed: a link that leaves the repository, loops or dangles.
   *  undefined when it can be read as it is (or is simply missing). */
  private linkProblem(absPath: string): string | undefined {
    let real: string;
    try {
      real = realpathSync.native(absPath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') return 'a symbolic link loop, which is not followed';
      if (code === 'ENOENT' && lstatIsLink(absPath))
        return `a symbolic link to a missing file (${linkTarget(absPath)})`;
      return undefined;
    }
    this.realRoot ??= realpathOr(this.root);
    if (
      real === this.realRoot ||
      real.startsWith(this.realRoot.endsWith(sep) ? this.realRoot : this.realRoot + sep)
    )
      return undefined;
    return lstatIsLink(absPath)
      ? `a symbolic link that leaves the repository (${linkTarget(absPath)}), which is not followed`
      : 'a path through a symbolic link that leaves the repository, which is not followed';
  }

  /** A file the linter should read but cannot: counted, and reported as a parse-error at line 1. */
  private reportUnreadable(
    path: string,
    kind: FileKind,
    message: string,
    tooLarge?: ParseFailure['tooLarge'],
  ): void {
    const file = makeSourceFile(path, join(this.root, path), kind, '');
    this.files.set(path, file);
    this.unreadable.add(path);
    this.failures.push({
      message,
      span: { file, start: 0, end: 0 },
      ...(tooLarge && { tooLarge }),
    });
  }

  /** Reads a root-relative file once; undefined when missing, outside the root or not UTF-8. */
  private read(path: string, kind: FileKind): SourceFile | undefined {
    const normal = posix.normalize(path);
    // `..` alone leaves the root as surely as `../x` (a `--config ..`): never read, never reported.
    if (
      normal === '..' ||
      normal.startsWith('../') ||
      posix.isAbsolute(normal) ||
      this.ignored(normal)
    )
      return undefined;
    if (this.unreadable.has(normal)) return undefined;
    if (this.files.has(normal)) return this.files.get(normal) ?? undefined;
    const absPath = join(this.root, normal);
    const linkProblem = this.plainFiles.has(normal) ? undefined : this.linkProblem(absPath);
    if (linkProblem) {
      this.reportUnreadable(normal, kind, linkProblem);
      return undefined;
    }
    let bytes: Buffer;
    try {
      // Never read a huge file: parsing a 30 MB workflow costs seconds and hundreds of MB.
      const limit = this.config.maxFileSize;
      const read = readUpTo(absPath, limit);
      if ('size' in read) {
        this.reportUnreadable(normal, kind, `the file is larger than ${limit} bytes`, {
          size: read.size,
          limit,
        });
        return undefined;
      }
      bytes = read.bytes;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Missing (or not a regular file): callers decide whether that is worth a finding.
      if (code === undefined || code === 'ENOENT' || code === 'ENOTDIR')
        this.files.set(normal, null);
      else this.reportUnreadable(normal, kind, `the file cannot be read (${code})`);
      return undefined;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      this.reportUnreadable(normal, kind, 'the file is not valid UTF-8');
      return undefined;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const file = makeSourceFile(normal, absPath, kind, text);
    this.files.set(normal, file);
    return file;
  }

  private visitScript(
    script: ShellScript,
    step: Step | undefined,
    via: readonly SourceFile[],
    directory: string,
    make: MakeContext | undefined,
  ): void {
    for (const command of script.commands) this.visitCommand(command, step, via, directory, make);
  }

  private visitCommand(
    command: ShellCommand,
    step: Step | undefined,
    via: readonly SourceFile[],
    scriptDirectory: string,
    make: MakeContext | undefined,
  ): void {
    // The command's own directory: where its script started, moved by the script's `cd`s.
    const directory =
      command.directory === undefined
        ? undefined
        : posix.normalize(posix.join(scriptDirectory, command.directory));
    const site: CommandSite = { command, step, via, directory, make };
    this.commandSites.push(site);
    for (const nested of command.substitutions)
      this.visitCommand(nested, step, via, scriptDirectory, make);
    if (directory === undefined) return;
    const name = commandName(command);
    const args = command.args.map((a) => a.literal);
    const ecspresso = ecspressoInvocation(command);
    if (ecspresso && step) {
      for (const use of configUses(site, ecspresso, this.resolver))
        if (use.path !== undefined) this.loadConfig(use.path, false);
    }
    if (name === 'make' || name === 'gmake') {
      this.runMake(site, directory);
      return;
    }
    // `sh -c '…'` runs its string, whose commands the parser has listed already.
    const scriptPath = SHELLS.has(name ?? '')
      ? wrapped(command)
        ? undefined
        : args.find((a) => a !== undefined && !a.startsWith('-'))
      : command.name?.literal;
    if (
      scriptPath &&
      (scriptPath.includes('/') || SHELLS.has(name ?? '')) &&
      /\.(sh|bash)$|^[^.]*$/.test(posix.basename(scriptPath))
    ) {
      this.runScript(posix.join(directory, scriptPath), step, via, directory, make);
    }
  }

  private runScript(
    path: string,
    step: Step | undefined,
    via: readonly SourceFile[],
    directory: string,
    make: MakeContext | undefined,
  ): void {
    const normal = posix.normalize(path);
    if (via.some((f) => f.path === normal)) return;
    const file = this.read(normal, 'script');
    if (!file) return;
    let script = this.scripts.get(normal);
    if (!script) {
      script = parseShell(file.text, file, (o) => o);
      this.scripts.set(normal, script);
    }
    // A script's commands run in its caller's working directory, not the script's.
    this.visitScript(script, step, [...via, file], directory, make);
  }

  /** `make [-C dir] [-f file] [NAME=value…] [goal…]`: the recipes of the goals, with the command
   *  line's variables (a recipe run by make inside a recipe keeps the outer ones, as make does). */
  private runMake(site: CommandSite, directory: string): void {
    const { command, step, via } = site;
    const args = command.args.map((a) => a.literal);
    let dir = directory;
    let makefilePath: string | undefined;
    const goals: string[] = [];
    const variables = new Map(site.make?.variables);
    const scope = step ? scopeOf(site) : undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      const assignment = /^(["']?)([A-Za-z_][\w.-]*)=(.*)$/s.exec(command.args[i]!.raw);
      if (assignment && scope)
        variables.set(assignment[2]!, {
          raw: assignment[1]! + assignment[3]!,
          span: command.args[i]!.span,
          scope,
        });
      if (arg === undefined) continue;
      if (arg === '-C' || arg === '--directory') dir = posix.join(dir, args[++i] ?? '');
      else if (arg === '-f' || arg === '--file' || arg === '--makefile') makefilePath = args[++i];
      else if (arg.startsWith('-') || arg.includes('=')) continue;
      else goals.push(arg);
    }
    const candidates = makefilePath
      ? [posix.join(dir, makefilePath)]
      : ['GNUmakefile', 'makefile', 'Makefile'].map((n) => posix.join(dir, n));
    for (const candidate of candidates) {
      const normal = posix.normalize(candidate);
      if (via.some((f) => f.path === normal)) return;
      const file = this.read(normal, 'makefile');
      if (!file) continue;
      let makefile = this.makefiles.get(normal);
      if (!makefile) {
        makefile = parseMakefile(file);
        this.makefiles.set(normal, makefile);
      }
      const make: MakeContext = { variables, assigned: makefile.assigned };
      for (const target of targetsRun(makefile, goals))
        this.visitScript(target.recipe, step, [...via, file], posix.dirname(normal), make);
      return;
    }
  }

  private loadConfig(path: string, onlyIfEcspresso: boolean): void {
    const normal = posix.normalize(path);
    if (this.configs.has(normal)) return;
    const reported = this.failures.length;
    const file = this.read(normal, 'ecspresso-config');
    if (!file) {
      // A `config_*.yml` that cannot be read cannot be told to be ecspresso's: say nothing of it.
      if (onlyIfEcspresso && this.failures.length > reported) {
        this.failures.length = reported;
        this.files.delete(normal);
      }
      return;
    }
    const { config, errors } = loadEcspressoConfig(
      file,
      (related, kind) =>
        this.read(related, kind) ??
        (this.unreadable.has(posix.normalize(related)) ? 'reported' : undefined),
    );
    // `config_*.yml` is a common name for other tools' files too: only an ecspresso-looking one counts.
    if (
      onlyIfEcspresso &&
      (errors.length > 0 ||
        (config.taskDefinitionPath === undefined && config.service === undefined))
    ) {
      this.files.delete(normal);
      return;
    }
    this.configs.set(normal, config);
    this.failures.push(...errors);
  }
}

/**
 * A regular file's bytes, or its size when it is over `limit`. One open: the size comes from the
 * open file (a stat by path before each read cost a tenth of reading a large repository).
 */
function readUpTo(absPath: string, limit: number): { bytes: Buffer } | { size: number } {
  // Non-blocking, so that a FIFO in the way is reported rather than waited on forever.
  const fd = openSync(absPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new Error('not a file');
    if (stats.size > limit) return { size: stats.size };
    const bytes = Buffer.allocUnsafe(stats.size);
    let length = 0;
    while (length < bytes.length) {
      const n = readSync(fd, bytes, length, bytes.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return { bytes: length < bytes.length ? bytes.subarray(0, length) : bytes };
  } finally {
    closeSync(fd);
  }
}

function lstatIsLink(absPath: string): boolean {
  try {
    return lstatSync(absPath).isSymbolicLink();
  } catch {
    return false;
  }
}

function linkTarget(absPath: string): string {
  try {
    return `→ ${readlinkSync(absPath)}`;
  } catch {
    return 'a link';
  }
}

function realpathOr(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}
