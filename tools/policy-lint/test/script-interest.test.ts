// Which `run:` scripts the loader parses: those naming a command some rule reads (in the context
// the rule asks for) or a file of the repository; every other script is left unparsed.
import { describe, expect, it } from 'vitest';
import type { Scalar, ValueMap } from '../src/model/types.js';
import { ScriptInterest } from '../src/project/script-interest.js';
import { RULE_COMMANDS } from '../src/rules/index.js';

function env(values: Record<string, string>): ValueMap {
  return new Map(Object.entries(values).map(([k, v]) => [k, { value: v } as Scalar]));
}

describe('ScriptInterest with the rules’ commands', () => {
  const plain = new ScriptInterest(RULE_COMMANDS, new Set());

  it('parses scripts naming a command a rule reads, as a word', () => {
    expect(plain.matters('docker build -t app:${GITHUB_SHA} .', env({}))).toBe(true);
    expect(plain.matters('IMAGE_TAG=$GITHUB_SHA ecspresso deploy --config x.yaml', env({}))).toBe(
      true,
    );
    expect(plain.matters('/usr/local/bin/aws ecr get-login-password', env({}))).toBe(true);
    expect(plain.matters('echo dockerfile-lint && ./dockerize', env({}))).toBe(false);
  });

  it('parses a curl only where the step names a chat service, in the script or its env', () => {
    expect(plain.matters('curl -fsSL https://example.com/install.sh | sh', env({}))).toBe(false);
    expect(plain.matters('curl -X POST "$SLACK_WEBHOOK_URL" -d @payload.json', env({}))).toBe(true);
    expect(
      plain.matters(
        'curl -X POST "$HOOK" -d @payload.json',
        env({ HOOK: '${{ secrets.TEAMS_WEBHOOK }}' }),
      ),
    ).toBe(true);
    expect(plain.matters('wget -q "$HOOK"', env({ HOOK: '${{ secrets.DISCORD }}' }))).toBe(true);
  });

  it('parses a download or install only when it is of ecspresso', () => {
    expect(plain.matters('go install golang.org/x/tools/cmd/goimports@latest', env({}))).toBe(
      false,
    );
    expect(
      plain.matters('go install github.com/kayac/ecspresso/v2/cmd/ecspresso@latest', env({})),
    ).toBe(true);
    expect(
      plain.matters(
        'curl -sL https://github.com/kayac/ecspresso/releases/latest/download/x.tar.gz | tar xz',
        env({}),
      ),
    ).toBe(true);
  });

  it('parses make only when the repository has a Makefile make would read', () => {
    expect(plain.matters('make test', env({}))).toBe(false);
    expect(
      new ScriptInterest(RULE_COMMANDS, new Set(['Makefile'])).matters('make test', env({})),
    ).toBe(true);
    expect(
      new ScriptInterest(RULE_COMMANDS, new Set(['ci.mk'])).matters(
        'make -f build/ci.mk deploy',
        env({}),
      ),
    ).toBe(true);
  });

  it('parses scripts naming a file of the repository, which the loader follows', () => {
    const repository = new ScriptInterest(RULE_COMMANDS, new Set(['deploy.sh']));
    expect(repository.matters('./scripts/deploy.sh staging', env({}))).toBe(true);
    expect(repository.matters('./scripts/test.sh', env({}))).toBe(false);
  });
});
