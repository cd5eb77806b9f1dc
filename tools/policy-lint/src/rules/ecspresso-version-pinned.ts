import { actionId, doppioAction } from '../project/doppio.js';
import { allSteps, commandName } from '../project/project.js';
import type { Rule } from './rule.js';

const RELEASES_LATEST = /github\.com\/kayac\/ecspresso\/releases\/latest\b|api\.github\.com\/repos\/kayac\/ecspresso\/releases\/latest\b/;

export const ecspressoVersionPinned: Rule = {
  meta: {
    id: 'ecspresso-version-pinned',
    defaultSeverity: 'error',
    description: 'ecspresso is installed at a fixed version: never missing, never latest.',
    fixable: false,
  },
  check({ project, report }) {
    for (const step of allSteps(project)) {
      const kayac = actionId(step.uses) === 'kayac/ecspresso';
      const doppio = doppioAction(step.uses, project.config) === 'setup-ecspresso';
      if (!kayac && !doppio) continue;
      // An empty `version:` (or `version-file:`) is the same as none: the action falls back to its default.
      const given = (key: string) => (step.with.get(key)?.value.trim() ? step.with.get(key) : undefined);
      const version = given('version');
      if (version?.value.trim() === 'latest') {
        report(version.span, 'ecspresso `version: latest` installs whatever was released last: a deploy changes behaviour without a change in this repository; set a fixed version such as `v2.4.6`');
      } else if (kayac && !version && !given('version-file')) {
        report(step.uses!.raw.span, '`kayac/ecspresso` without `version:` installs the default of that action release, not a version you chose; add `version: vX.Y.Z` (or `version-file:`)');
      }
    }
    for (const site of project.commandSites) {
      const name = commandName(site.command);
      const words = site.command.args;
      if (name === 'curl' || name === 'wget') {
        const url = words.find((w) => RELEASES_LATEST.test(w.raw));
        if (url) report(url.span, `downloading ecspresso from \`releases/latest\` installs whatever was released last; download a fixed release (\`releases/download/vX.Y.Z/…\`) and check its checksum`);
      }
      if (name === 'go' && words[0]?.literal === 'install') {
        // Match the word's value, not its source: `"github.com/…@latest"` in quotes is the same install.
        const target = words.find((w) => /github\.com\/kayac\/ecspresso\b.*@latest$/.test(w.literal ?? w.raw));
        if (target) report(target.span, '`go install …ecspresso…@latest` installs whatever was released last; install a fixed version (`@vX.Y.Z`)');
      }
    }
  },
};
