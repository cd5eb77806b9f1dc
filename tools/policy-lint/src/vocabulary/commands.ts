import type { ShellCommand } from '../model/types.js';

/** The command's name without its directory (`/usr/local/bin/ecspresso` → `ecspresso`). */
export function commandName(command: ShellCommand): string | undefined {
  const name = command.name?.literal;
  return name === undefined ? undefined : name.slice(name.lastIndexOf('/') + 1);
}
