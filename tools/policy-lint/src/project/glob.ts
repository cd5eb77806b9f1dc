import picomatch from 'picomatch';

/** A predicate over root-relative `/` paths; a pattern also matches everything under a directory it names. */
export function globMatcher(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.length === 0) return () => false;
  return picomatch(
    patterns.flatMap((p) => [p, `${p.replace(/\/$/, '')}/**`]),
    { dot: true },
  );
}
