/** The linter could not do its job (bad option, unreadable config, no such path): exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
