// ecspresso config, task definition and service definition files. They are Go templates rendered
// before parsing, so templates are masked first (same-length placeholders keep every offset), then
// the text is parsed with `yaml` — JSON is YAML, so one parser and one kind of node range serve both.
import { posix } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { span } from '../model/source.js';
import type {
  ContainerImage,
  EcspressoConfig,
  SourceFile,
  Span,
  TaskDefinition,
  TemplateExpr,
  TemplatedString,
} from '../model/types.js';
import { aliasExpansionError } from './yaml-scalars.js';
import { evaluateJsonnet, JsonnetPlaces } from './jsonnet.js';
import { maskTemplates, partsText, type MaskedText, type TemplateParts } from './template.js';

export interface ParseError {
  readonly message: string;
  readonly span: Span;
}

export interface LoadError extends ParseError {
  readonly file: SourceFile;
  /** Set when the file parsed but names a definition file that does not exist. */
  readonly missing?: MissingFile | undefined;
}

/** A definition file a config names (`key: named`) that is not there (`path`, root-relative). */
export interface MissingFile {
  readonly key: string;
  readonly named: string;
  readonly path: string;
}

export interface TemplatedYaml {
  /** undefined when `error` is set. */
  readonly doc: Document.Parsed | undefined;
  readonly error: ParseError | undefined;
  readonly masked: MaskedText;
  /** Follows an alias to its anchored node; any other value is returned as is. */
  resolve(node: unknown): unknown;
  /** A scalar's value with its templates, span = the scalar's range in the file (quotes included);
   *  undefined for collections, null and missing nodes. */
  templated(node: unknown): TemplatedString | undefined;
}

export function parseTemplatedYaml(file: SourceFile): TemplatedYaml {
  const masked = maskTemplates(file);
  // Default options on purpose: maxAliasCount stays 100, so aliasExpansionError rejects alias bombs fast.
  let doc: Document.Parsed;
  try {
    doc = parseDocument(masked.text, { prettyErrors: false });
  } catch (error) {
    // Stack exhaustion outside yaml's own guard (see parseYaml): a parse error, never a crash.
    if (!(error instanceof RangeError)) throw error;
    const resolve = (node: unknown): unknown => node;
    return {
      doc: undefined,
      error: { message: `${error.message} (nested too deeply)`, span: span(file, 0, 0) },
      masked,
      resolve,
      templated: () => undefined,
    };
  }
  const resolve = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);
  const templated = (node: unknown): TemplatedString | undefined => {
    const n = resolve(node);
    if (!isScalar(n) || !n.range || n.value === null || n.value === undefined) return undefined;
    const parts = masked.parts(String(n.value));
    return { span: span(file, n.range[0], n.range[1]), text: partsText(parts), parts };
  };
  const fail = (message: string, start: number, end: number): TemplatedYaml => ({
    doc: undefined,
    error: {
      message,
      span: span(file, Math.min(start, file.text.length), Math.min(end, file.text.length)),
    },
    masked,
    resolve,
    templated,
  });

  const err = doc.errors[0];
  if (err) return fail(err.message, err.pos[0], err.pos[1]);
  const jsonError = /\.json$/i.test(file.path) ? strictJsonError(file, masked.exprs) : undefined;
  if (jsonError) return fail(jsonError.message, jsonError.span.start, jsonError.span.end);
  let bomb: ReturnType<typeof aliasExpansionError>;
  try {
    bomb = aliasExpansionError(doc);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return fail(`${error.message} (nested too deeply)`, 0, 0);
  }
  if (bomb) return fail(bomb.message, bomb.start, bomb.end);
  return { doc, error: undefined, masked, resolve, templated };
}

// ---------------------------------------------------------------------------------------------

const isJsonnet = (path: string): boolean => /\.(jsonnet|libsonnet)$/i.test(path);

/** A parsed file reduced to what the loaders need: YAML and JSON parsed with positions, or jsonnet
 *  evaluated (see parse/jsonnet.ts). */
interface Reader {
  /** False when the file could not be evaluated (jsonnet that needs a lookup's value): unknown. */
  readonly known: boolean;
  /** The top-level mapping; pushes an error when there is none (and the file was read). */
  top(what: string, errors: LoadError[]): unknown;
  /** The value of `key` (or its PascalCase form: ECS APIs accept both) in a mapping. */
  get(map: unknown, key: string): unknown;
  isMap(node: unknown): boolean;
  items(node: unknown): readonly unknown[];
  str(node: unknown): TemplatedString | undefined;
  /** Where the tag of an image of this file is written. */
  tagSpan(image: TemplatedString, tag: TemplateParts): Span;
}

function readerOf(file: SourceFile, readRelated: ReadRelated, errors: LoadError[]): Reader {
  return isJsonnet(file.path) ? new JsonnetReader(file, readRelated, errors) : new YamlReader(file);
}

class YamlReader implements Reader {
  readonly known = true;
  readonly parsed: TemplatedYaml;
  constructor(readonly file: SourceFile) {
    this.parsed = parseTemplatedYaml(file);
  }

  top(what: string, errors: LoadError[]): YAMLMap | undefined {
    const { doc, error } = this.parsed;
    if (error) {
      errors.push({ file: this.file, ...error });
      return undefined;
    }
    const contents = doc?.contents;
    if (isMap(contents)) return contents;
    const [start, end] = contents?.range ?? [0, 0];
    errors.push({
      file: this.file,
      message: `expected a mapping at the top of ${what}`,
      span: span(this.file, start, end),
    });
    return undefined;
  }

  get(map: unknown, key: string): unknown {
    const m = this.parsed.resolve(map);
    if (!isMap(m)) return undefined;
    const pascal = key.charAt(0).toUpperCase() + key.slice(1);
    for (const item of m.items) {
      const k = this.parsed.resolve(item.key);
      if (isScalar(k) && (k.value === key || k.value === pascal))
        return this.parsed.resolve(item.value);
    }
    return undefined;
  }

  isMap(node: unknown): boolean {
    return isMap(this.parsed.resolve(node));
  }

  items(node: unknown): readonly unknown[] {
    const n = this.parsed.resolve(node);
    return isSeq(n) ? n.items : [];
  }

  str(node: unknown): TemplatedString | undefined {
    return this.parsed.templated(this.parsed.resolve(node));
  }

  tagSpan(image: TemplatedString, tag: TemplateParts): Span {
    return scalarTagSpan(image, tag);
  }
}

/** The tag ends the scalar (before a closing quote); when the file text there differs (escapes,
 *  block scalars) the whole image is the best span we have. */
function scalarTagSpan(image: TemplatedString, tag: TemplateParts): Span {
  const text = partsText(tag);
  const { file, start, end } = image.span;
  const valueEnd = end - (/["']/.test(file.text[start] ?? '') ? 1 : 0);
  return file.text.slice(valueEnd - text.length, valueEnd) === text
    ? span(file, valueEnd - text.length, valueEnd)
    : image.span;
}

/** A jsonnet file, evaluated: its values are the result's, placed back on the source. */
class JsonnetReader implements Reader {
  readonly known: boolean;
  private readonly value: unknown;
  private readonly places: JsonnetPlaces | undefined;
  private readonly start: Span;

  constructor(
    readonly file: SourceFile,
    readRelated: ReadRelated,
    private readonly errors: LoadError[],
  ) {
    this.start = span(file, 0, 0);
    const result = evaluateJsonnet(file, (path) => {
      const found = readRelated(path, 'jsonnet-library');
      return found === 'reported' ? undefined : found;
    });
    if (result.kind === 'syntax')
      errors.push({ file, message: `invalid Jsonnet: ${result.message}`, span: result.span });
    this.known = result.kind === 'value';
    this.value = result.kind === 'value' ? result.value : undefined;
    this.places =
      result.kind === 'value' ? new JsonnetPlaces(result.sources, result.calls) : undefined;
  }

  top(what: string): unknown {
    if (!this.known) return undefined;
    if (this.isMap(this.value)) return this.value;
    this.errors.push({
      file: this.file,
      message: `expected an object as the value of ${what}`,
      span: this.start,
    });
    return undefined;
  }

  get(map: unknown, key: string): unknown {
    if (!this.isMap(map)) return undefined;
    const object = map as Record<string, unknown>;
    return object[key] ?? object[key.charAt(0).toUpperCase() + key.slice(1)];
  }

  isMap(node: unknown): boolean {
    return typeof node === 'object' && node !== null && !Array.isArray(node);
  }

  items(node: unknown): readonly unknown[] {
    return Array.isArray(node) ? node : [];
  }

  str(node: unknown): TemplatedString | undefined {
    return typeof node === 'string' && this.places
      ? this.places.templated(node, this.start)
      : undefined;
  }

  tagSpan(image: TemplatedString, tag: TemplateParts): Span {
    const [only] = tag;
    if (tag.length === 1 && only?.kind === 'expr') return only.expr.span;
    const text = partsText(tag);
    const written = this.places?.text(`:${text}`);
    return written ? span(written.file, written.start + 1, written.end) : image.span;
  }
}

const hasExpr = (s: TemplatedString): boolean => s.parts.some((p) => p.kind === 'expr');

/** Root-relative path of a file referenced from `fromPath`; undefined for templated, absolute or
 *  out-of-root references (we cannot tell what they name). */
export function resolveRelated(fromPath: string, ref: TemplatedString): string | undefined {
  const p = ref.text;
  if (
    hasExpr(ref) ||
    p === '' ||
    p.startsWith('/') ||
    p.startsWith('~') ||
    /^[A-Za-z]:[\\/]/.test(p) ||
    p.includes('://')
  )
    return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(fromPath), p));
  return joined === '..' || joined.startsWith('../') ? undefined : joined;
}

// ---------------------------------------------------------------------------------------------
// Images

/** Splits an image reference: `[registry[:port]/]path[:tag][@digest]`. Only text parts are searched
 *  for `@`, `/` and `:`, since a template may hold any of them (`{{ tfstate `a.b:c` }}`). */
export function splitImage(
  image: TemplatedString,
  tagSpanOf: (image: TemplatedString, tag: TemplateParts) => Span = scalarTagSpan,
): Omit<ContainerImage, 'container' | 'image'> {
  // The source text with template characters blanked, so indexes line up with image.text.
  const flat = image.parts
    .map((p) => (p.kind === 'text' ? p.text : '\0'.repeat(p.expr.source.length)))
    .join('');
  const at = flat.indexOf('@');
  const nameEnd = at === -1 ? flat.length : at;
  const colon = flat.lastIndexOf(':', nameEnd - 1);
  const hasTag = colon > flat.lastIndexOf('/', nameEnd - 1);
  const repository = image.text.slice(0, hasTag ? colon : nameEnd);
  if (at !== -1 || !hasTag)
    return { repository, tag: undefined, tagSpan: undefined, digest: at !== -1 };
  const tag = sliceParts(image.parts, colon + 1, nameEnd);
  return { repository, tag, tagSpan: tagSpanOf(image, tag), digest: false };
}

/** Parts within [start, end) of their source text; cuts fall in text parts only (see splitImage). */
function sliceParts(parts: TemplateParts, start: number, end: number): TemplateParts {
  const out: TemplateParts[number][] = [];
  let pos = 0;
  for (const p of parts) {
    const len = p.kind === 'text' ? p.text.length : p.expr.source.length;
    const from = Math.max(start, pos);
    const to = Math.min(end, pos + len);
    if (from < to)
      out.push(p.kind === 'text' ? { kind: 'text', text: p.text.slice(from - pos, to - pos) } : p);
    pos += len;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Loaders

/** A task definition (RegisterTaskDefinition input, optionally wrapped as `{ taskDefinition: … }`).
 *  `readRelated` reads what a jsonnet task definition imports. */
export function loadTaskDefinition(
  file: SourceFile,
  readRelated: ReadRelated = () => undefined,
): {
  taskDefinition: TaskDefinition;
  errors: LoadError[];
} {
  const errors: LoadError[] = [];
  const r = readerOf(file, readRelated, errors);
  const top = r.top('task definition', errors);
  const images: ContainerImage[] = [];
  if (top) {
    const wrapped = r.get(top, 'taskDefinition');
    const defs = r.get(r.isMap(wrapped) ? wrapped : top, 'containerDefinitions');
    for (const def of r.items(defs)) {
      const image = r.str(r.get(def, 'image'));
      if (!image) continue;
      images.push({
        container: r.str(r.get(def, 'name'))?.text,
        image,
        ...splitImage(image, (i, tag) => r.tagSpan(i, tag)),
      });
    }
  }
  return { taskDefinition: { file, known: top !== undefined && r.known, images }, errors };
}

/** Whether a service definition uses the CodeDeploy controller; undefined when it cannot be told. */
export function loadServiceDefinition(
  file: SourceFile,
  readRelated: ReadRelated = () => undefined,
): {
  usesCodeDeploy: boolean | undefined;
  errors: LoadError[];
} {
  const errors: LoadError[] = [];
  const r = readerOf(file, readRelated, errors);
  const top = r.top('service definition', errors);
  if (!top) return { usesCodeDeploy: undefined, errors };
  const controller = r.get(top, 'deploymentController');
  if (controller === undefined) return { usesCodeDeploy: false, errors }; // ECS is the default
  const typeNode = r.get(controller, 'type');
  if (r.isMap(controller) && typeNode === undefined) return { usesCodeDeploy: false, errors };
  const type = r.str(typeNode);
  // A templated controller type is decided at deploy time.
  return {
    usesCodeDeploy: type && !hasExpr(type) ? type.text === 'CODE_DEPLOY' : undefined,
    errors,
  };
}

/** `'reported'`: the file exists but cannot be read, and the caller has reported that already. */
export type ReadRelated = (
  relPath: string,
  kind: 'task-definition' | 'service-definition' | 'jsonnet-library',
) => SourceFile | undefined | 'reported';

/** An ecspresso config and the task/service definitions it names. `readRelated` gets root-relative
 *  paths and returns undefined for a missing file; the caller owns reading and caching. */
export function loadEcspressoConfig(
  file: SourceFile,
  readRelated: ReadRelated,
): { config: EcspressoConfig; errors: LoadError[] } {
  const errors: LoadError[] = [];
  const r = readerOf(file, readRelated, errors);
  const top = r.top('ecspresso config', errors);
  const field = (key: string): TemplatedString | undefined =>
    top ? r.str(r.get(top, key)) : undefined;
  const taskDefinitionPath = field('task_definition');
  const serviceDefinitionPath = field('service_definition');

  const related = (
    ref: TemplatedString | undefined,
    kind: 'task-definition' | 'service-definition',
  ): SourceFile | undefined => {
    const rel = ref && resolveRelated(file.path, ref);
    if (!ref || rel === undefined) return undefined;
    const found = readRelated(rel, kind);
    if (found === 'reported') return undefined;
    if (!found) {
      const key = kind.replace('-', '_');
      errors.push({
        file,
        message: `the ${kind.replace('-', ' ')} file \`${ref.text}\` that \`${key}\` names does not exist (looked for \`${rel}\`)`,
        span: ref.span,
        missing: { key, named: ref.text, path: rel },
      });
    }
    return found;
  };

  let taskDefinition: TaskDefinition | undefined;
  const tdFile = related(taskDefinitionPath, 'task-definition');
  if (tdFile) {
    const loaded = loadTaskDefinition(tdFile, readRelated);
    taskDefinition = loaded.taskDefinition;
    errors.push(...loaded.errors);
  }
  let usesCodeDeploy: boolean | undefined;
  const sdFile = related(serviceDefinitionPath, 'service-definition');
  if (sdFile) {
    const loaded = loadServiceDefinition(sdFile, readRelated);
    usesCodeDeploy = loaded.usesCodeDeploy;
    errors.push(...loaded.errors);
  }

  const config: EcspressoConfig = {
    file,
    known: top !== undefined && r.known,
    cluster: field('cluster'),
    service: field('service'),
    taskDefinitionPath,
    serviceDefinitionPath,
    taskDefinition,
    usesCodeDeploy,
  };
  return { config, errors };
}

// Go template actions that print a value (`{{ must_env `X` }}`, `{{ tfstate … }}`) become `0` and
// spaces, same length: valid as a JSON value and inside a JSON string alike. Control actions (`if`,
// `range`, …) can make any text valid, so a file with one is not checked: unknown raises nothing.
const CONTROL_ACTION = /^\{\{-?\s*(if|else|end|range|with|define|block|template|break|continue)\b/;

/**
 * ecspresso reads `.json` files as JSON once templates are rendered, and JSON is stricter than the
 * YAML parser used for positions: trailing commas, comments or single quotes would pass as YAML.
 */
function strictJsonError(file: SourceFile, exprs: readonly TemplateExpr[]): ParseError | undefined {
  if (exprs.some((e) => CONTROL_ACTION.test(e.source))) return undefined;
  let text = '';
  let last = 0;
  for (const {
    span: { start, end },
  } of exprs) {
    text += file.text.slice(last, start) + '0'.padEnd(end - start, ' ');
    last = end;
  }
  text += file.text.slice(last);
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    const start = at ? Math.min(Number(at[1]), file.text.length) : 0;
    return {
      message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
      span: { file, start, end: start },
    };
  }
}
