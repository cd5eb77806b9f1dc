import { describe, expect, it } from 'vitest';
import {
  parseTaskDefinitionRef,
  requireTaskDefinitionRef,
  sameRevision,
} from '../src/task-definition-ref.js';

describe('parseTaskDefinitionRef', () => {
  it.each([
    [
      'arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web:12',
      { family: 'web', revision: 12 },
    ],
    [
      'arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/my_app-2:3',
      { family: 'my_app-2', revision: 3 },
    ],
    ['web:7', { family: 'web', revision: 7 }],
    ['  web:7\n', { family: 'web', revision: 7 }],
  ])('%s', (text, ref) => {
    expect(parseTaskDefinitionRef(text)).toEqual(ref);
  });

  it.each([
    'web',
    'web:',
    'web:0',
    'web:latest',
    'arn:aws:ecs:ap-northeast-1:123456789012:service/c/web',
    'a:b:1',
    '',
  ])('refuses %j', (text) => {
    expect(parseTaskDefinitionRef(text)).toBeUndefined();
  });
});

it('requireTaskDefinitionRef names the input and the accepted forms', () => {
  expect(() => requireTaskDefinitionRef('web', 'expected-task-definition')).toThrow(
    '`expected-task-definition` must be a task definition ARN (arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>) or `<family>:<revision>`, got "web"',
  );
});

it('an ARN and family:revision of the same revision are the same; other revisions or families are not', () => {
  const arn = parseTaskDefinitionRef(
    'arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web:2',
  )!;
  expect(sameRevision(arn, parseTaskDefinitionRef('web:2')!)).toBe(true);
  expect(sameRevision(arn, parseTaskDefinitionRef('web:1')!)).toBe(false);
  expect(sameRevision(arn, parseTaskDefinitionRef('api:2')!)).toBe(false);
});
