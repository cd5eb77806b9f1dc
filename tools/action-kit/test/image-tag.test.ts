import { expect, it } from 'vitest';
import { checkImageTag, InputError } from '../src/image-tag.js';

const SHA = 'a'.repeat(40);

it('takes the commit when no tag is given, and any full SHA', () => {
  expect(checkImageTag('', SHA, false, 'deploying')).toEqual({
    tag: SHA,
    isCommit: true,
    warning: undefined,
  });
  expect(checkImageTag('b'.repeat(40), SHA, false, 'building').tag).toBe('b'.repeat(40));
});

it('refuses anything else unless allowed, saying what to do', () => {
  expect(() => checkImageTag('latest', SHA, false, 'deploying')).toThrow(
    new InputError(
      "image-tag 'latest' is not a full 40-hex commit SHA. Leave it empty to use github.sha, pass a full commit SHA, or set allow-non-sha-tag: true.",
    ),
  );
  expect(() => checkImageTag(SHA.slice(0, 7), SHA, false, 'deploying')).toThrow(InputError);
  expect(() => checkImageTag(SHA.toUpperCase(), SHA, false, 'deploying')).toThrow(InputError);
});

it('lets a valid Docker tag through when allowed, with a warning; never an invalid one', () => {
  expect(checkImageTag('v1.2.3', SHA, true, 'building')).toEqual({
    tag: 'v1.2.3',
    isCommit: false,
    warning:
      "building 'v1.2.3', which is not a commit SHA (allow-non-sha-tag is true): it cannot be traced to a commit.",
  });
  expect(() => checkImageTag('feature/x', SHA, true, 'deploying')).toThrow(
    "image-tag 'feature/x' is not a valid Docker tag",
  );
  expect(() => checkImageTag('.hidden', SHA, true, 'deploying')).toThrow(InputError);
});
