import { isMap } from 'yaml';
import { describe, expect, it } from 'vitest';
import { makeSourceFile } from '../src/model/source.js';
import type {
  ContainerImage,
  FileKind,
  SourceFile,
  Span,
  TemplatedString,
} from '../src/model/types.js';
import {
  loadEcspressoConfig,
  loadServiceDefinition,
  loadTaskDefinition,
  parseTemplatedYaml,
  type ReadRelated,
} from '../src/parse/ecspresso.js';

const src = (path: string, text: string, kind: FileKind = 'task-definition'): SourceFile =>
  makeSourceFile(path, `/repo/${path}`, kind, text);
const at = (s: Span | undefined): string | undefined => s?.file.text.slice(s.start, s.end);
/** Parts as a readable list: text as is, templates as <func:args>. */
const show = (parts: TemplatedString['parts'] | undefined) =>
  parts?.map((p) => (p.kind === 'text' ? p.text : `<${p.expr.func}:${p.expr.args.join(',')}>`));

function imagesOf(text: string, path = 'ecs-task-def.json'): ContainerImage[] {
  const { taskDefinition, errors } = loadTaskDefinition(src(path, text));
  expect(errors).toEqual([]);
  return [...taskDefinition.images];
}
const oneImage = (image: string): ContainerImage => {
  const [img] = imagesOf(
    JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'app', image }] }),
  );
  if (!img) throw new Error('no image');
  return img;
};

describe('parseTemplatedYaml', () => {
  it('parses a templated YAML config and gives scalars with their templates', () => {
    const f = src(
      'config.yaml',
      'region: ap-northeast-1\ncluster: "{{ must_env `CLUSTER` }}"\nservice: web-{{ env `ENV` `dev` }}\ntimeout: "10m0s"\n',
      'ecspresso-config',
    );
    const p = parseTemplatedYaml(f);
    expect(p.error).toBeUndefined();
    const top = p.doc?.contents;
    if (!isMap(top)) throw new Error('not a map');
    const cluster = p.templated(top.get('cluster', true));
    expect(at(cluster?.span)).toBe('"{{ must_env `CLUSTER` }}"');
    expect(cluster?.text).toBe('{{ must_env `CLUSTER` }}');
    expect(show(cluster?.parts)).toEqual(['<must_env:CLUSTER>']);
    const service = p.templated(top.get('service', true));
    expect(at(service?.span)).toBe('web-{{ env `ENV` `dev` }}');
    expect(show(service?.parts)).toEqual(['web-', '<env:ENV,dev>']);
    expect(p.templated(top.get('timeout', true))?.parts).toEqual([{ kind: 'text', text: '10m0s' }]);
  });

  it('parses JSON with the same parser', () => {
    const p = parseTemplatedYaml(src('td.json', '{\n\t"family": "web",\n\t"cpu": 256\n}\n'));
    expect(p.error).toBeUndefined();
    expect(p.doc?.toJS()).toEqual({ family: 'web', cpu: 256 });
  });

  it('reports unparsable JSON with a span', () => {
    const f = src('td.json', '{"family": "web",, "cpu": 1}');
    const p = parseTemplatedYaml(f);
    expect(p.doc).toBeUndefined();
    expect(p.error?.message).toBeTypeOf('string');
    expect(p.error?.span.start).toBe(17);
    expect(at(p.error?.span)).toBe(',');
  });

  it('rejects an alias bomb quickly', () => {
    const names = 'abcdefghijk'.split('');
    const lines = [`a: &a [x,x,x,x,x,x,x,x,x]`];
    for (let i = 1; i < names.length; i++)
      lines.push(
        `${names[i]}: &${names[i]} [${Array(9)
          .fill(`*${names[i - 1]}`)
          .join(',')}]`,
      );
    const f = src('bomb.yaml', `${lines.join('\n')}\n`, 'ecspresso-config');
    const t0 = performance.now();
    const p = parseTemplatedYaml(f);
    const { config, errors } = loadEcspressoConfig(f, () => undefined);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(p.doc).toBeUndefined();
    expect(p.error?.message).toMatch(/alias/i);
    expect(at(p.error?.span)).toBe('*a');
    expect(config.known).toBe(false);
    expect(errors.map((e) => e.message)).toEqual([p.error?.message]);
  });

  it('accepts ordinary aliases', () => {
    const p = parseTemplatedYaml(src('c.yaml', 'base: &b web\nservice: *b\n'));
    expect(p.error).toBeUndefined();
    const top = p.doc?.contents;
    expect(isMap(top) && p.templated(top.get('service', true))?.text).toBe('web');
  });
});

describe('container images', () => {
  it('splits an ECR image with templated account and tag', () => {
    const img = oneImage(
      '{{ must_env `AWS_ACCOUNT_ID` }}.dkr.ecr.ap-northeast-1.amazonaws.com/web:{{ must_env `IMAGE_TAG` }}',
    );
    expect(img.container).toBe('app');
    expect(img.repository).toBe(
      '{{ must_env `AWS_ACCOUNT_ID` }}.dkr.ecr.ap-northeast-1.amazonaws.com/web',
    );
    expect(show(img.tag)).toEqual(['<must_env:IMAGE_TAG>']);
    expect(at(img.tagSpan)).toBe('{{ must_env `IMAGE_TAG` }}');
    expect(at(img.image.span)).toBe(
      '"{{ must_env `AWS_ACCOUNT_ID` }}.dkr.ecr.ap-northeast-1.amazonaws.com/web:{{ must_env `IMAGE_TAG` }}"',
    );
    expect(img.digest).toBe(false);
  });

  it('does not take a registry port for a tag', () => {
    const img = oneImage('localhost:5000/web:{{ env `IMAGE_TAG` `latest` }}');
    expect(img.repository).toBe('localhost:5000/web');
    expect(show(img.tag)).toEqual(['<env:IMAGE_TAG,latest>']);
    expect(at(img.tagSpan)).toBe('{{ env `IMAGE_TAG` `latest` }}');
    const untagged = oneImage('localhost:5000/web');
    expect([untagged.repository, untagged.tag, untagged.tagSpan]).toEqual([
      'localhost:5000/web',
      undefined,
      undefined,
    ]);
  });

  it('splits plain image names', () => {
    const cases = ['nginx', 'nginx:1.25', 'public.ecr.aws/datadog/agent:latest'].map((i) => {
      const img = oneImage(i);
      return [img.repository, show(img.tag), at(img.tagSpan), img.digest];
    });
    expect(cases).toEqual([
      ['nginx', undefined, undefined, false],
      ['nginx', ['1.25'], '1.25', false],
      ['public.ecr.aws/datadog/agent', ['latest'], 'latest', false],
    ]);
  });

  it('marks digest references', () => {
    const digest = `web@sha256:${'ab'.repeat(32)}`;
    const img = oneImage(digest);
    expect([img.repository, img.tag, img.tagSpan, img.digest]).toEqual([
      'web',
      undefined,
      undefined,
      true,
    ]);
    const both = oneImage(`web:1.0@sha256:${'cd'.repeat(32)}`);
    expect([both.repository, both.tag, both.digest]).toEqual(['web', undefined, true]);
  });

  it('ignores `:` and `/` inside templates', () => {
    const img = oneImage('{{ tfstate `module.x:aws_ecr_repository.web/url` }}');
    expect([img.repository, img.tag]).toEqual([
      '{{ tfstate `module.x:aws_ecr_repository.web/url` }}',
      undefined,
    ]);
    const tagged = oneImage(
      '{{ tfstate `aws_ecr_repository.web.repository_url` }}:v{{ must_env `TAG` }}',
    );
    expect(tagged.repository).toBe('{{ tfstate `aws_ecr_repository.web.repository_url` }}');
    expect(show(tagged.tag)).toEqual(['v', '<must_env:TAG>']);
    expect(at(tagged.tagSpan)).toBe('v{{ must_env `TAG` }}');
  });

  it('reads PascalCase JSON', () => {
    const images = imagesOf(
      '{"Family":"web","ContainerDefinitions":[{"Name":"app","Image":"nginx:1.25"},{"Name":"sidecar","Image":"public.ecr.aws/datadog/agent:7"}]}',
    );
    expect(images.map((i) => [i.container, i.image.text, show(i.tag)])).toEqual([
      ['app', 'nginx:1.25', ['1.25']],
      ['sidecar', 'public.ecr.aws/datadog/agent:7', ['7']],
    ]);
  });

  it('reads a YAML task definition', () => {
    const text =
      'family: web\ncontainerDefinitions:\n  - name: app\n    image: 123.dkr.ecr.ap-northeast-1.amazonaws.com/web:{{ must_env `IMAGE_TAG` }}\n  - name: log\n    image: fluent/fluent-bit\n';
    const images = imagesOf(text, 'ecs-task-def.yaml');
    expect(images.map((i) => [i.container, i.repository, show(i.tag), at(i.tagSpan)])).toEqual([
      [
        'app',
        '123.dkr.ecr.ap-northeast-1.amazonaws.com/web',
        ['<must_env:IMAGE_TAG>'],
        '{{ must_env `IMAGE_TAG` }}',
      ],
      ['log', 'fluent/fluent-bit', undefined, undefined],
    ]);
  });

  it('unwraps {"taskDefinition": {...}}', () => {
    const images = imagesOf(
      '{"taskDefinition":{"family":"web","containerDefinitions":[{"name":"app","image":"web:{{ must_env `TAG` }}"}]}}',
    );
    expect(images.map((i) => [i.container, i.repository, show(i.tag)])).toEqual([
      ['app', 'web', ['<must_env:TAG>']],
    ]);
  });

  it('falls back to the image span when the tag is escaped in the file', () => {
    const [img] = imagesOf('{"containerDefinitions":[{"image":"web:v\\u0031"}]}');
    expect(show(img?.tag)).toEqual(['v1']);
    expect(at(img?.tagSpan)).toBe('"web:v\\u0031"');
  });

  it('parses a JSON task definition with a silent template block', () => {
    const text =
      '{\n  "family": "web",\n  {{- if eq (env `SIDE` ``) "1" }}\n  "cpu": "256",\n  {{- end }}\n  "containerDefinitions": [{"name": "app", "image": "nginx"}]\n}\n';
    expect(imagesOf(text).map((i) => i.image.text)).toEqual(['nginx']);
  });
});

describe('task and service definitions', () => {
  it('reports a top level that is not a mapping', () => {
    const f = src('td.json', '[{"family": "web"}]');
    const { taskDefinition, errors } = loadTaskDefinition(f);
    expect(taskDefinition).toEqual({ file: f, known: false, images: [] });
    expect(errors.map((e) => [e.file.path, e.message, at(e.span)])).toEqual([
      ['td.json', 'expected a mapping at the top of task definition', '[{"family": "web"}]'],
    ]);
  });

  it('reports an empty file', () => {
    const { errors } = loadTaskDefinition(src('td.yaml', ''));
    expect(errors.map((e) => [e.message, e.span.start, e.span.end])).toEqual([
      ['expected a mapping at the top of task definition', 0, 0],
    ]);
  });

  it('reports a top level that is a lone template', () => {
    const { errors } = loadTaskDefinition(src('td.json', '{{ tfstate `x` }}\n'));
    expect(errors.map((e) => [e.message, at(e.span)])).toEqual([
      ['expected a mapping at the top of task definition', '{{ tfstate `x` }}'],
    ]);
  });

  it('tells whether a service definition uses CodeDeploy', () => {
    const sd = (text: string) =>
      loadServiceDefinition(src('ecs-service-def.json', text, 'service-definition'));
    expect(sd('{"deploymentController": {"type": "CODE_DEPLOY"}}')).toEqual({
      usesCodeDeploy: true,
      errors: [],
    });
    expect(sd('{"DeploymentController": {"Type": "CODE_DEPLOY"}}').usesCodeDeploy).toBe(true);
    expect(sd('{"deploymentController": {"type": "ECS"}}').usesCodeDeploy).toBe(false);
    expect(sd('{"desiredCount": 2}').usesCodeDeploy).toBe(false);
    expect(
      sd('{"deploymentController": {"type": "{{ must_env `CTRL` }}"}}').usesCodeDeploy,
    ).toBeUndefined();
    const broken = sd('{"deploymentController": ');
    expect(broken.usesCodeDeploy).toBeUndefined();
    expect(broken.errors).toHaveLength(1);
  });

  it('evaluates jsonnet as ecspresso does, its natives and external variables recorded and placed on the source', () => {
    const lit = loadTaskDefinition(
      src(
        'td.jsonnet',
        "{\n  family: 'web',\n  containerDefinitions: [\n    { name: 'app', image: 'nginx:1.25' },\n    { name: 'x', image: std.extVar('IMAGE') },\n  ],\n}\n",
      ),
    );
    expect(lit.errors).toEqual([]);
    expect(lit.taskDefinition.known).toBe(true);
    expect(
      lit.taskDefinition.images.map((i) => [
        i.container,
        i.repository,
        show(i.tag),
        at(i.image.span),
      ]),
    ).toEqual([
      ['app', 'nginx', ['1.25'], 'nginx:1.25'],
      ['x', 'extVar("IMAGE")', undefined, "extVar('IMAGE"],
    ]);
    const concat = loadTaskDefinition(
      src(
        'td.jsonnet',
        "local tag = std.native('must_env')('IMAGE_TAG');\n{ containerDefinitions: [{ image: 'web:' + tag }] }\n",
      ),
    );
    expect(concat.errors).toEqual([]);
    const [image] = concat.taskDefinition.images;
    expect([image?.repository, show(image?.tag), at(image?.tagSpan)]).toEqual([
      'web',
      ['<must_env:IMAGE_TAG>'],
      "must_env')('IMAGE_TAG",
    ]);
  });

  it('reports a jsonnet syntax error where it is, and leaves a file it cannot evaluate unknown', () => {
    const broken = loadTaskDefinition(src('td.jsonnet', '{\n  family: ,\n}\n'));
    expect(broken.taskDefinition.known).toBe(false);
    expect(broken.errors.map((e) => [e.message.split(':')[0], e.span.start])).toEqual([
      ['invalid Jsonnet', 12],
    ]);
    // ecspresso would read a JSON document out of an SSM parameter; here its value is unknown.
    const lookup = loadTaskDefinition(
      src('td.jsonnet', "std.parseJson(std.native('ssm')('/web/task-definition'))\n"),
    );
    expect(lookup).toEqual({
      taskDefinition: { file: lookup.taskDefinition.file, known: false, images: [] },
      errors: [],
    });
  });
});

describe('loadEcspressoConfig', () => {
  const files = new Map<string, SourceFile>([
    [
      'deploy/prod/defs/ecs-task-def.json',
      src(
        'deploy/prod/defs/ecs-task-def.json',
        '{"family":"web","containerDefinitions":[{"name":"app","image":"web:{{ must_env `IMAGE_TAG` }}"}]}',
      ),
    ],
    [
      'deploy/common/ecs-service-def.json',
      src(
        'deploy/common/ecs-service-def.json',
        '{"deploymentController":{"type":"CODE_DEPLOY"}}',
        'service-definition',
      ),
    ],
    ['broken.json', src('broken.json', '{"family":')],
  ]);
  const calls: [string, string][] = [];
  const read: ReadRelated = (rel, kind) => {
    calls.push([rel, kind]);
    return files.get(rel);
  };

  it('resolves definitions relative to the config directory', () => {
    calls.length = 0;
    const f = src(
      'deploy/prod/ecspresso.yml',
      'region: ap-northeast-1\ncluster: production\nservice: web\nservice_definition: ../common/ecs-service-def.json\ntask_definition: defs/ecs-task-def.json\ntimeout: "10m0s"\nplugins:\n  - name: tfstate\n    config: { url: s3://bucket/terraform.tfstate }\n',
      'ecspresso-config',
    );
    const { config, errors } = loadEcspressoConfig(f, read);
    expect(errors).toEqual([]);
    expect(calls).toEqual([
      ['deploy/prod/defs/ecs-task-def.json', 'task-definition'],
      ['deploy/common/ecs-service-def.json', 'service-definition'],
    ]);
    expect(config.known).toBe(true);
    expect(config.cluster?.text).toBe('production');
    expect(config.service?.text).toBe('web');
    expect(at(config.taskDefinitionPath?.span)).toBe('defs/ecs-task-def.json');
    expect(at(config.serviceDefinitionPath?.span)).toBe('../common/ecs-service-def.json');
    expect(config.taskDefinition?.file.path).toBe('deploy/prod/defs/ecs-task-def.json');
    expect(config.taskDefinition?.known).toBe(true);
    expect(config.taskDefinition?.images.map((i) => [i.repository, show(i.tag)])).toEqual([
      ['web', ['<must_env:IMAGE_TAG>']],
    ]);
    expect(config.usesCodeDeploy).toBe(true);
  });

  it('leaves templated, absolute and out-of-root paths unresolved', () => {
    calls.length = 0;
    const f = src(
      'ecspresso.yml',
      'cluster: c\nservice: s\ntask_definition: ecs-task-def-{{ must_env `ENV` }}.json\nservice_definition: /etc/ecs-service-def.json\n',
      'ecspresso-config',
    );
    const { config, errors } = loadEcspressoConfig(f, read);
    expect(errors).toEqual([]);
    expect(calls).toEqual([]);
    expect(show(config.taskDefinitionPath?.parts)).toEqual([
      'ecs-task-def-',
      '<must_env:ENV>',
      '.json',
    ]);
    expect(config.taskDefinition).toBeUndefined();
    expect(config.usesCodeDeploy).toBeUndefined();
    const up = loadEcspressoConfig(
      src('a/ecspresso.yml', 'task_definition: ../../td.json\n', 'ecspresso-config'),
      read,
    );
    expect([up.config.taskDefinition, up.errors, calls]).toEqual([undefined, [], []]);
  });

  it('reports a missing definition file at the path in the config', () => {
    const f = src('ecspresso.yml', 'task_definition: nope.json\n', 'ecspresso-config');
    const { config, errors } = loadEcspressoConfig(f, read);
    expect(config.taskDefinition).toBeUndefined();
    expect(errors.map((e) => [e.file.path, e.missing, at(e.span)])).toEqual([
      [
        'ecspresso.yml',
        { key: 'task_definition', named: 'nope.json', path: 'nope.json' },
        'nope.json',
      ],
    ]);
  });

  it('passes on errors of the task definition', () => {
    const { config, errors } = loadEcspressoConfig(
      src('ecspresso.yml', 'task_definition: broken.json\n', 'ecspresso-config'),
      read,
    );
    expect(config.known).toBe(true);
    expect(config.taskDefinition?.known).toBe(false);
    expect(errors.map((e) => e.file.path)).toEqual(['broken.json']);
  });

  it('reports a config whose top level is a list', () => {
    const f = src('ecspresso.yml', '- cluster: c\n', 'ecspresso-config');
    const { config, errors } = loadEcspressoConfig(f, read);
    expect(config).toMatchObject({
      known: false,
      cluster: undefined,
      taskDefinition: undefined,
      usesCodeDeploy: undefined,
    });
    expect(errors.map((e) => e.message)).toEqual([
      'expected a mapping at the top of ecspresso config',
    ]);
  });

  it('reports an unparsable config with the parser’s span', () => {
    const f = src('ecspresso.json', '{"cluster": "c" "service": "s"}', 'ecspresso-config');
    const { config, errors } = loadEcspressoConfig(f, read);
    expect(config.known).toBe(false);
    expect(errors.map((e) => [e.file.path, e.message, at(e.span)])).toEqual([
      ['ecspresso.json', 'Unexpected double-quoted-scalar token', '"service"'],
    ]);
  });

  it('evaluates a jsonnet config, and reads the definitions it names', () => {
    calls.length = 0;
    const f = src(
      'deploy/prod/ecspresso.jsonnet',
      "{\n  region: 'ap-northeast-1',\n  cluster: std.extVar('CLUSTER'),\n  service: 'web',\n  task_definition: 'defs/ecs-task-def.json',\n}\n",
      'ecspresso-config',
    );
    const { config, errors } = loadEcspressoConfig(f, read);
    expect(errors).toEqual([]);
    expect(config.known).toBe(true);
    expect(show(config.cluster?.parts)).toEqual(['<extVar:CLUSTER>']);
    expect(config.service?.text).toBe('web');
    expect(config.taskDefinition?.images.map((i) => i.repository)).toEqual(['web']);
  });
});
