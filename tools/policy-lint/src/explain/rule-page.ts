// `doppio-lint --explain <rule>`: the rule's page in the terminal, read from the copy of
// docs/rules/ that the package ships (dist/rules/, written by build.mjs), so it matches the version
// installed and needs no network.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nearest } from '../command-line.js';
import { UsageError } from '../errors.js';
import { packageRoot } from '../package-root.js';
import { isRuleId, RULE_IDS } from '../rules/index.js';
import { DOCS_BASE, docsUrl } from '../rules/rule.js';

/** Where the package keeps its rule pages. */
export function rulePagesDirectory(root: string = packageRoot()): string {
  return join(root, 'dist', 'rules');
}

/** The page of `id` (a rule id, `actionlint/<kind>` or `actionlint`) as text for a terminal:
 *  the Markdown without its HTML comments, then the page's address. */
export function explainRule(id: string, directory: string = rulePagesDirectory()): string {
  if (id !== 'actionlint' && !isRuleId(id)) {
    const ids = [...RULE_IDS, 'actionlint'];
    const near = nearest(id, ids);
    throw new UsageError(
      near !== undefined
        ? `--explain: no rule \`${id}\`: did you mean \`--explain ${near}\`?`
        : `--explain: no rule \`${id}\`: write one of ${ids.join(', ')} (or actionlint/<kind>)`,
    );
  }
  // Every actionlint kind shares one page; `actionlint` alone names it too.
  const url = docsUrl(id === 'actionlint' ? 'actionlint/' : id);
  const file = join(directory, url.slice(DOCS_BASE.length));
  let page: string;
  try {
    page = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`the rule page ${file} is missing from the package (build it with build.mjs)`);
  }
  const text = page
    .split('\n')
    .filter((line) => !/^\s*<!--.*-->\s*$/.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd();
  return `${text}\n\n${url}\n`;
}
