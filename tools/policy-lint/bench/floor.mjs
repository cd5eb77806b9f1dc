// The floor of `pnpm bench`: start Node, read every workflow of the repository, parse each with
// js-yaml. No linter that reads and parses every file can be faster than this.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';

const dir = join(process.argv[2], '.github', 'workflows');
for (const name of readdirSync(dir)) {
  try {
    jsYaml.load(readFileSync(join(dir, name), 'utf8'), { schema: jsYaml.CORE_SCHEMA });
  } catch {
    // A file js-yaml refuses costs its parse too.
  }
}
