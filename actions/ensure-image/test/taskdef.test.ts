import { describe, expect, it } from 'vitest';
import { imagesFromTaskDefinition } from '../src/taskdef.js';

describe('imagesFromTaskDefinition', () => {
  it('lists every container image in order, once', () => {
    const json = JSON.stringify({
      family: 'web',
      containerDefinitions: [
        { name: 'app', image: 'acct.dkr.ecr.r.amazonaws.com/web:1' },
        { name: 'log', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable' },
        { name: 'app2', image: 'acct.dkr.ecr.r.amazonaws.com/web:1' },
      ],
    });
    expect(imagesFromTaskDefinition(json)).toEqual([
      'acct.dkr.ecr.r.amazonaws.com/web:1',
      'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable',
    ]);
  });

  it('also reads the describe-task-definition shape', () => {
    expect(
      imagesFromTaskDefinition(
        JSON.stringify({ taskDefinition: { containerDefinitions: [{ name: 'a', image: 'x:1' }] } }),
      ),
    ).toEqual(['x:1']);
  });

  it('refuses output that is not a task definition, saying why', () => {
    expect(() => imagesFromTaskDefinition('level=error msg=boom')).toThrow(
      'the rendered task definition is not JSON',
    );
    expect(() => imagesFromTaskDefinition('level=error msg=boom')).toThrow('level=error msg=boom');
    expect(() => imagesFromTaskDefinition('')).toThrow('(empty output)');
    expect(() => imagesFromTaskDefinition('{"family": "web"}')).toThrow(
      'has no `containerDefinitions`',
    );
    expect(() => imagesFromTaskDefinition('{"containerDefinitions": []}')).toThrow(
      'has no `containerDefinitions`',
    );
    expect(() => imagesFromTaskDefinition('{"containerDefinitions": [{"name": "app"}]}')).toThrow(
      'container `app` of the rendered task definition has no `image`',
    );
    expect(() =>
      imagesFromTaskDefinition('{"containerDefinitions": [{"image": "a:1"}, {"image": ""}]}'),
    ).toThrow('container #2');
  });
});
