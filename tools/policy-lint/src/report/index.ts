// The output formats of the linter's report, by --format name.
import type { Report } from '../model/types.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export type Format = 'stylish' | 'json' | 'sarif' | 'github';

/** Every format, the default (`stylish`) first. */
export const FORMATS: readonly Format[] = Object.freeze([
  'stylish',
  'json',
  'sarif',
  'github',
] as const);

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export interface FormatOptions {
  /** ANSI colour in the stylish output; the other formats ignore it. */
  readonly color?: boolean;
}

/** The report as text in the given format, ending with a newline unless it is empty
 *  (`github` prints nothing for a clean report). */
export function formatReport(report: Report, format: Format, options: FormatOptions = {}): string {
  switch (format) {
    case 'stylish':
      return formatStylish(report, { color: options.color === true });
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'github':
      return formatGithub(report);
    default: {
      const unknown: never = format;
      throw new Error(
        `unknown format ${JSON.stringify(unknown)}; expected one of ${FORMATS.join(', ')}`,
      );
    }
  }
}

export {
  annotation,
  escapeData,
  escapeProperty,
  formatGithub,
  type Annotation,
  type AnnotationProperties,
} from './github.js';
export { formatJson } from './json.js';
export { formatSarif, sarifLog } from './sarif.js';
export { formatStylish, type StylishOptions } from './stylish.js';
