import type { Scalar, UsesRef } from '../model/types.js';

/**
 * Splits a `uses:` value: `./local`, `docker://image`, `owner/repo[/path]@ref`. Reusable
 * workflows are told apart from actions by their `.github/workflows/*.yml` path.
 */
export function parseUses(raw: Scalar): UsesRef {
  const value = raw.value.trim();
  const lead = raw.value.indexOf(value);
  if (value.startsWith('./') || value.startsWith('../')) return { raw, kind: 'local', path: value };
  if (value.startsWith('docker://')) {
    const image = value.slice('docker://'.length);
    const start = raw.span.start + quoteWidth(raw) + lead + 'docker://'.length;
    return {
      raw,
      kind: 'docker',
      ref: image,
      refSpan: { file: raw.span.file, start, end: start + image.length },
    };
  }
  const at = value.lastIndexOf('@');
  const target = at === -1 ? value : value.slice(0, at);
  const ref = at === -1 ? undefined : value.slice(at + 1);
  const [owner = '', repo = '', ...rest] = target.split('/');
  const path = rest.join('/');
  const refStart = raw.span.start + quoteWidth(raw) + lead + at + 1;
  return {
    raw,
    kind: /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) ? 'reusable-workflow' : 'action',
    repository: `${owner}/${repo}`,
    path,
    ...(ref === undefined
      ? {}
      : { ref, refSpan: { file: raw.span.file, start: refStart, end: refStart + ref.length } }),
  };
}

function quoteWidth(raw: Scalar): number {
  const first = raw.span.file.text[raw.span.start];
  return first === '"' || first === "'" ? 1 : 0;
}
