// main() with the real @actions/core: the outputs build-push uses, and one titled error when not.
import { join } from 'node:path';
import { actionDefaults, runAction } from '@doppio-dev/action-testing';
import { expect, it } from 'vitest';
import { run } from '../src/main.js';

const defaults = actionDefaults(join(import.meta.dirname, '..', 'action.yml'));
const SHA = 'c'.repeat(40);
const go = (inputs: Record<string, string>) =>
  runAction(run, { ...defaults, commit: SHA, 'event-name': 'push', ...inputs });

it('builds this commit, tagged with it, on a push', async () => {
  const result = await go({});
  expect(result.failed).toBe(false);
  expect(result.outputs).toEqual({ 'image-tag': SHA, commit: SHA });
});

it('builds another commit when given its SHA, so the tag names its source', async () => {
  const other = 'd'.repeat(40);
  const result = await go({ 'image-tag': other });
  expect(result.outputs).toEqual({ 'image-tag': other, commit: other });
  expect(result.log).toContain(
    `::notice title=Building another commit::image-tag ${other} is not this run's commit (${SHA})`,
  );
});

it('builds this commit under a non-SHA tag only when allowed, with a warning', async () => {
  expect((await go({ 'image-tag': 'v1.2.3' })).failed).toBe(true);
  const allowed = await go({ 'image-tag': 'v1.2.3', 'allow-non-sha-tag': 'true' });
  expect(allowed.outputs).toEqual({ 'image-tag': 'v1.2.3', commit: SHA });
  expect(allowed.log).toContain("::warning title=Image tag is not a commit SHA::building 'v1.2.3'");
});

it.each(['pull_request', 'pull_request_target', 'merge_group'])(
  'refuses to push on %s unless allowed, and builds without pushing',
  async (event) => {
    const refused = await go({ 'event-name': event });
    expect(refused.failed).toBe(true);
    expect(refused.log).toContain(
      `::error title=Invalid input::build-push does not push on ${event} events: an image pushed under a full-SHA tag is never rebuilt`,
    );
    expect(refused.outputs).toEqual({});
    expect((await go({ 'event-name': event, push: 'false' })).outputs).toEqual({
      'image-tag': SHA,
      commit: SHA,
    });
    expect((await go({ 'event-name': event, 'allow-pull-request-push': 'true' })).failed).toBe(
      false,
    );
  },
);
