// Shell parsing for `run:` scripts and script files, on tree-sitter-bash (WASM, so no native build).
//
// The result is deliberately flat: rules ask "which simple commands does this script run, with
// which words", not for the control flow around them. `commands` lists every simple command that
// runs at statement level (however deeply nested in if/while/for/case bodies, pipelines, lists,
// subshells, functions or `{ }` groups); commands inside `$( … )`, backticks or `<( … )` of a
// command's words hang off that command's `substitutions` instead (recursively).
//
// Offsets: web-tree-sitter feeds the parser UTF-16 and reports indices in UTF-16 code units, i.e.
// JavaScript string indices, so node indices are script offsets as they are (no byte→index table);
// the test with non-ASCII text pins that down.
import { createRequire } from 'node:module';
import { join, posix } from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { span } from '../model/source.js';
import type {
  ShellAssignment,
  ShellCommand,
  ShellRedirect,
  ShellScript,
  ShellWord,
  SourceFile,
} from '../model/types.js';
import { substituted, unquoted, wrapped } from './shell-wrappers.js';

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Loads the grammar once; concurrent callers share the same promise, a failed load can be retried. */
export function initShellParser(): Promise<void> {
  loading ??= (async () => {
    // A bundle without node_modules (the policy-lint action's dist/) ships copies of both WASM files
    // in the directory DOPPIO_LINT_WASM_DIR names; by default
    // web-tree-sitter finds its own `tree-sitter.wasm` and the grammar comes from node_modules.
    const wasmDir = process.env['DOPPIO_LINT_WASM_DIR'];
    await Parser.init(wasmDir ? { locateFile: (name: string) => join(wasmDir, name) } : undefined);
    const wasm = wasmDir
      ? join(wasmDir, 'tree-sitter-bash.wasm')
      : createRequire(import.meta.url).resolve('tree-sitter-bash/tree-sitter-bash.wasm');
    const language = await Language.load(wasm);
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

// GitHub substitutes `${{ … }}` into the script text before the shell runs, and tree-sitter-bash
// cannot parse it (it turns `${{` into an ERROR node and splits the word). So before parsing, each
// expression is replaced by a parameter expansion of the exact same length, `${___…_}`: offsets stay
// identical, tree-sitter sees an ordinary expansion wherever the expression stood (inside or outside
// double quotes), and raw text is always taken from the ORIGINAL script by offsets. Words that
// overlap a masked range get literal undefined even where the mask would read as literal text
// (e.g. inside single quotes), because the real value is only known at run time.
const GH_EXPR = /\$\{\{[\s\S]*?\}\}/g;

/** Simple-statement node types that become a ShellCommand. */
const SIMPLE = new Set([
  'command',
  'declaration_command',
  'unset_command',
  'variable_assignment',
  'variable_assignments',
]);
const REDIRECTS = new Set(['file_redirect', 'herestring_redirect', 'heredoc_redirect']);
const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);

export function parseShell(
  script: string,
  file: SourceFile,
  toFileOffset: (scriptOffset: number) => number,
): ShellScript {
  if (!parser) throw new Error('parseShell called before initShellParser() resolved');
  const whole = span(file, toFileOffset(0), toFileOffset(script.length));
  const commands: ShellCommand[] = [];
  try {
    const hasErrors = parseInto(script, file, toFileOffset, commands, {
      directory: '.',
      conditional: false,
      depth: 0,
    });
    return { span: whole, commands, hasErrors };
  } catch {
    // Only pathological input gets here (e.g. nesting deep enough to exhaust the JS stack):
    // report a syntax problem with whatever was collected rather than failing the whole lint.
    return { span: whole, commands, hasErrors: true };
  }
}

/** Where a script starts: its directory and whether it may not run at all (a nested script
 *  inherits both from the command that runs it), and how deep in nested scripts it is. */
interface Start {
  readonly directory: string | undefined;
  readonly conditional: boolean;
  readonly depth: number;
}

/** Nested scripts (`sh -c "bash -c '…'"`) followed this deep; deeper ones stay a plain word. */
const MAX_NESTED_SCRIPTS = 4;

/** Parses `script` and appends its commands to `out`; true when the parser reported errors. */
function parseInto(
  script: string,
  file: SourceFile,
  toFileOffset: (scriptOffset: number) => number,
  out: ShellCommand[],
  start: Start,
): boolean {
  const masks: [number, number][] = [];
  const masked = script.replace(GH_EXPR, (match: string, offset: number) => {
    masks.push([offset, offset + match.length]);
    return `\${${'_'.repeat(match.length - 3)}}`;
  });
  const tree = parser!.parse(masked);
  if (!tree) return true;
  try {
    new Builder(script, masks, file, toFileOffset, start).visit(tree.rootNode, out);
    return tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

// Statements whose parts may not run: all but their condition (`if`, loops) or subject (`case`).
const BRANCHING = new Set([
  'if_statement',
  'case_statement',
  'while_statement',
  'for_statement',
  'c_style_for_statement',
  'function_definition',
]);
const ALWAYS_RUN_FIELDS = new Set(['condition', 'value', 'variable', 'initializer', 'name']);

class Builder {
  /** The working directory relative to the script's start; undefined once a `cd` is not followed. */
  private directory: string | undefined;
  /** `pushd`'s stack. */
  private stack: (string | undefined)[] = [];
  private conditional: boolean;
  /** Where each word starts in the script, by its span (which copies of the word keep): a nested
   *  script's offsets are mapped from it. */
  private readonly wordStarts = new WeakMap<ShellWord['span'], number>();

  constructor(
    private readonly text: string,
    private readonly masks: readonly (readonly [number, number])[],
    private readonly file: SourceFile,
    private readonly toFile: (scriptOffset: number) => number,
    private readonly start: Start,
  ) {
    this.directory = start.directory;
    this.conditional = start.conditional;
  }

  private sp(start: number, end: number): ShellCommand['span'] {
    return span(this.file, this.toFile(start), this.toFile(end));
  }

  /** Collects the statement-level simple commands under `node` into `out`, in source order. */
  visit(node: Node, out: ShellCommand[]): void {
    if (node.type === 'subshell') {
      // `( cd svc && … )`: a directory change ends with the subshell.
      this.scoped(() => {
        for (const c of named(node)) this.visit(c, out);
      });
    } else if (BRANCHING.has(node.type) || node.type === 'list') {
      // In a list (`a && b`, `a || b`) only the first command surely runs.
      const children = node.children;
      let first = true;
      for (let i = 0; i < children.length; i++) {
        const c = children[i];
        if (!c?.isNamed) continue;
        const always =
          node.type === 'list' ? first : ALWAYS_RUN_FIELDS.has(node.fieldNameForChild(i) ?? '');
        first = false;
        if (always) this.visit(c, out);
        else this.branch(() => this.visit(c, out));
      }
    } else if (SIMPLE.has(node.type)) {
      this.simple(node, [], out);
    } else if (node.type === 'redirected_statement') {
      const body = node.childForFieldName('body');
      const redirects = named(node).filter((c) => REDIRECTS.has(c.type));
      if (!body || SIMPLE.has(body.type)) {
        // No body (`> file` alone) is a simple command too: no name, only the redirect.
        this.simple(body, redirects, out, node);
      } else {
        // A compound statement with redirects (`while …; done < <(ls)`): the commands in its body
        // run at statement level; commands in its redirects have no simple command to hang off,
        // so they are listed at statement level as well.
        for (const c of named(node)) this.visit(c, out);
      }
    } else {
      // Pipelines, groups, negations — and substitutions that no simple
      // command owns (`for f in $(ls)`, `[[ -n $(x) ]]`, `case $(uname) in`): descend.
      for (const c of named(node)) this.visit(c, out);
    }
  }

  /** Runs `body` in a subshell: its directory changes end with it. */
  private scoped(body: () => void): void {
    const directory = this.directory;
    const stack = this.stack;
    this.stack = [...stack];
    body();
    this.directory = directory;
    this.stack = stack;
  }

  /** Runs `body` as a part that may not run: a directory change there leaves it unknown after. */
  private branch(body: () => void): void {
    const directory = this.directory;
    const conditional = this.conditional;
    this.conditional = true;
    body();
    this.conditional = conditional;
    if (this.directory !== directory) this.directory = undefined;
  }

  /** Collects the commands inside `$( … )`, backticks and `<( … )` anywhere under `node` (which is
   *  part of a simple command, never a statement itself). */
  private nested(node: Node, subs: ShellCommand[]): void {
    if (SUBSTITUTIONS.has(node.type) || node.type === 'subshell')
      this.scoped(() => {
        for (const s of named(node)) this.visit(s, subs);
      });
    else for (const c of named(node)) this.nested(c, subs);
  }

  /** Builds the ShellCommand of a simple statement (`node`, null for a redirect-only statement) and
   *  its trailing redirects, and appends it to `out`, followed by any statements tree-sitter nests
   *  inside a heredoc redirect (`cat <<EOF | grep x`). */
  private simple(
    node: Node | null,
    redirectNodes: readonly Node[],
    out: ShellCommand[],
    outer?: Node,
  ): void {
    let name: ShellWord | undefined;
    const args: ShellWord[] = [];
    const assignments: ShellAssignment[] = [];
    const redirects: ShellRedirect[] = [];
    const substitutions: ShellCommand[] = [];
    const trailing: Node[] = [];
    const whole = node ?? outer!;
    const start = whole.startIndex;
    let end = node ? node.endIndex : start;

    const arg = (c: Node) => {
      args.push(this.word(c));
      this.nested(c, substitutions);
      end = Math.max(end, c.endIndex);
    };
    const redirect = (r: Node) => {
      if (r.type !== 'heredoc_redirect') {
        // file_redirect / herestring_redirect: [descriptor] operator target
        const op = r.children.find((c) => c !== null && !c.isNamed);
        const target = named(r).find((c) => c.type !== 'file_descriptor');
        if (op && target) redirects.push({ operator: op.type, target: this.word(target) });
        this.nested(r, substitutions);
        end = Math.max(end, r.endIndex);
        return;
      }
      // `<<EOF` holds, besides delimiter, body and terminator, whatever followed it on the line:
      // more arguments and redirects of this command, or `| grep x` / `&& next` statements.
      // The command's span stays on the command line: body and terminator are left out of it.
      const children = r.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i];
        if (!c?.isNamed || c.type === 'heredoc_end' || c.type === 'comment') continue;
        if (c.type === 'heredoc_start') {
          const op = r.children.find((o) => o !== null && !o.isNamed); // after an optional descriptor
          redirects.push({ operator: op?.type ?? '<<', target: this.word(c) });
          end = Math.max(end, c.endIndex);
        } else if (c.type === 'heredoc_body') this.nested(c, substitutions);
        else if (REDIRECTS.has(c.type)) redirect(c);
        else if (r.fieldNameForChild(i) === 'argument') arg(c);
        else trailing.push(c);
      }
    };

    if (!node) {
      // redirect-only statement
    } else if (node.type === 'variable_assignment') {
      assignments.push(this.assignment(node));
      this.nested(node, substitutions);
    } else if (node.type === 'variable_assignments') {
      for (const c of named(node)) {
        if (c.type !== 'variable_assignment') continue;
        assignments.push(this.assignment(c));
        this.nested(c, substitutions);
      }
    } else if (node.type === 'declaration_command' || node.type === 'unset_command') {
      // `export X=1`: the keyword is the name, everything after it an argument word (`X=1` whole).
      for (const c of node.children) {
        if (!c || c.type === 'comment') continue;
        if (!c.isNamed && !name) name = this.word(c);
        else if (REDIRECTS.has(c.type)) redirect(c);
        else if (c.isNamed) arg(c);
      }
    } else {
      const children = node.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i];
        if (!c || c.type === 'comment') continue;
        if (c.type === 'variable_assignment') {
          assignments.push(this.assignment(c));
          this.nested(c, substitutions);
        } else if (c.type === 'command_name') {
          name = this.word(c.namedChild(0) ?? c);
          this.nested(c, substitutions);
        } else if (REDIRECTS.has(c.type)) redirect(c);
        // ERROR nodes inside a command are kept as (non-literal) words: what could be recovered.
        else if (node.fieldNameForChild(i) === 'argument' || c.type === 'ERROR') arg(c);
        else if (c.isNamed) this.nested(c, substitutions);
      }
    }
    for (const r of redirectNodes) redirect(r);

    const command: ShellCommand = {
      name,
      args,
      assignments,
      redirects,
      span: this.sp(start, end),
      substitutions,
      directory: this.directory,
      conditional: this.conditional,
    };
    out.push(command);
    this.expand(command, out, this.start.depth);
    this.move(command);
    for (const t of trailing) this.visit(t, out);
  }

  /** `cd`, `pushd` and `popd` move the directory the following commands run in. */
  private move(command: ShellCommand): void {
    const name = command.name?.literal;
    if (name !== 'cd' && name !== 'pushd' && name !== 'popd') return;
    const target = command.args.find((a) => !/^-[LPe@]*$/.test(a.literal ?? a.raw));
    if (name === 'popd') {
      this.directory = this.stack.length > 0 ? this.stack.pop() : undefined;
      return;
    }
    if (name === 'pushd') this.stack.push(this.directory);
    const to = target?.literal;
    // `cd` alone (home), `cd -`, absolute and `~` paths and expansions leave the repository's map.
    this.directory =
      this.directory === undefined || to === undefined || to === '-' || /^[/~]/.test(to)
        ? undefined
        : posix.normalize(posix.join(this.directory, to));
  }

  /** A wrapper's command (`timeout 600 cmd`) or a script word's commands (`sh -c "…"`), after it. */
  private expand(command: ShellCommand, out: ShellCommand[], depth: number): void {
    const inner = wrapped(command);
    if (!inner || depth >= MAX_NESTED_SCRIPTS) return;
    if (inner.kind === 'command') {
      out.push(inner.command);
      this.expand(inner.command, out, depth + 1);
      return;
    }
    const at = this.wordStarts.get(inner.word.span);
    const unq = at === undefined ? undefined : unquoted(inner.word.raw);
    if (at === undefined || !unq) return;
    const found: ShellCommand[] = [];
    parseInto(unq.text, this.file, (o) => this.toFile(at + unq.offsets[o]!), found, {
      directory: command.directory,
      conditional: command.conditional,
      depth: depth + 1,
    });
    if (!inner.each) out.push(...found);
    else
      for (const value of inner.each.values)
        for (const c of found) out.push(substituted(c, inner.each.placeholder, value));
  }

  private assignment(node: Node): ShellAssignment {
    const nameNode = node.childForFieldName('name') ?? node.namedChild(0);
    // Everything after `=` / `+=`, so the value keeps its quotes (and, in recovered input, whatever
    // the parser attached to the assignment).
    const op = node.children.find((c) => c !== null && !c.isNamed);
    return {
      name: nameNode ? this.raw(nameNode) : '',
      raw: op ? this.text.slice(op.endIndex, node.endIndex) : '',
      span: this.sp(node.startIndex, node.endIndex),
    };
  }

  private word(node: Node): ShellWord {
    const masked = this.overlapsMask(node.startIndex, node.endIndex);
    const word = {
      raw: this.raw(node),
      literal: masked ? undefined : this.literal(node),
      span: this.sp(node.startIndex, node.endIndex),
    };
    this.wordStarts.set(word.span, node.startIndex);
    return word;
  }

  /** Whether [start, end) overlaps a masked `${{ … }}`; masks are sorted and disjoint. */
  private overlapsMask(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.masks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.masks[mid]![1] <= start) lo = mid + 1;
      else hi = mid;
    }
    const m = this.masks[lo];
    return m !== undefined && m[0] < end;
  }

  private raw(node: Node): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  /** The word's value after quote removal, or undefined when it holds any expansion: parameter,
   *  command, arithmetic, process and tilde expansion count; glob and brace patterns are kept as
   *  written (they are patterns, and rules compare them as text). */
  private literal(node: Node): string | undefined {
    // A word the parser had to patch up (missing closing quote, …) has no trustworthy value.
    if (node.hasError) return undefined;
    const raw = this.raw(node);
    switch (node.type) {
      case 'word':
        if (node.namedChildCount > 0 || raw.startsWith('~')) return undefined;
        return raw.replace(/\\\n|\\(.)/gs, '$1'); // `a\ b` → `a b`
      case 'number':
      case 'variable_name':
        return raw;
      case 'heredoc_start':
        return raw.replace(
          /\\(.)|'([^']*)'|"([^"]*)"/gs,
          (_m, esc?: string, sq?: string, dq?: string) => esc ?? sq ?? dq ?? '',
        );
      case 'raw_string':
        return raw.slice(1, -1);
      case 'string':
        if (named(node).some((c) => c.type !== 'string_content')) return undefined;
        // Inside double quotes a backslash escapes only $ ` " \ and newline.
        return raw.slice(1, -1).replace(/\\\n|\\([$`"\\])/g, '$1');
      case 'ansi_c_string':
        return raw.slice(2, -1).replace(/\\(.)/gs, (_m, ch: string) => ANSI_C[ch] ?? ch);
      case 'concatenation': {
        let out = '';
        for (const c of named(node)) {
          const part = this.literal(c);
          if (part === undefined) return undefined;
          out += part;
        }
        return out;
      }
      case 'variable_assignment': {
        // `X=1` as an argument of export/declare: NAME=value with the value's literal.
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        const v = value ? this.literal(value) : '';
        return name && v !== undefined ? `${this.raw(name)}=${v}` : undefined;
      }
      default:
        // Anonymous tokens (`export`, `unset`) are their text; any other named node — expansions,
        // substitutions, arrays, ERROR — has no static value.
        return node.isNamed ? undefined : raw;
    }
  }
}

const ANSI_C: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  e: '\x1b',
  a: '\x07',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

function named(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}
