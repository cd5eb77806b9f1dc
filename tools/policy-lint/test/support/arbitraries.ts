// fast-check generators of what the linter reads: workflow-like YAML (jobs, steps, run scripts with
// ecspresso and docker commands, env, uses refs, matrices, expressions), ecspresso configs and
// task/service definitions with Go templates. Values mix the shapes the rules follow with junk, so
// the resolver, the shell parser and the template masker all see both.
import fc from 'fast-check';
import { stringify } from 'yaml';

export type RepoFiles = Record<string, string | Uint8Array>;

const SHA = 'f'.repeat(40);

/** Unicode text that may hold anything YAML and shells find awkward. */
const junk = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom(
    '',
    ' ',
    '#',
    ': ',
    '- ',
    '"',
    "'",
    '\\',
    '\t',
    '\r',
    '\u2028',
    '\u{1F600}',
    '`',
    '|',
    '>',
    '&a',
    '*a',
    '!!str',
    '%',
    '@',
    '{{',
    '}}',
    '${{',
    '$(',
    ')',
  ),
);

const expression = fc.constantFrom(
  '${{ github.sha }}',
  '${{ github.ref_name }}',
  '${{ github.run_number }}',
  '${{ matrix.env }}',
  '${{ matrix.service }}',
  '${{ needs.build.outputs.tag }}',
  '${{ needs.build.outputs.image }}',
  '${{ steps.meta.outputs.version }}',
  '${{ steps.tag.outputs.tag }}',
  '${{ env.IMAGE_TAG }}',
  '${{ inputs.environment }}',
  '${{ vars.ECR_REGISTRY }}',
  '${{ secrets.AWS_ACCESS_KEY_ID }}',
  '${{ fromJSON(needs.setup.outputs.matrix) }}',
  '${{ toJSON(needs) }}',
  '${{ always() }}',
  '${{ github.event.inputs.tag || github.sha }}',
  "${{ format('{0}:{1}', env.REPO, github.sha) }}",
  '${{',
  '${{ }}',
  '}}',
);

const tag = fc.oneof(
  expression,
  fc.constantFrom(
    '$GITHUB_SHA',
    '${GITHUB_SHA}',
    '${GITHUB_SHA::7}',
    '$(git rev-parse HEAD)',
    '$(git rev-parse --short HEAD)',
    'latest',
    'main',
    '$(date +%s)',
    '$TAG',
    '"$IMAGE_TAG"',
    SHA,
    'v1.2.3',
    '',
  ),
);

const image = fc
  .tuple(
    fc.constantFrom(
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/app',
      '$REGISTRY/app',
      '${{ vars.ECR_REGISTRY }}/svc',
      'ghcr.io/o/r',
      'app',
      '',
    ),
    tag,
  )
  .map(([repo, t]) => `${repo}:${t}`);

const environmentName = fc.oneof(
  fc.constantFrom(
    'production',
    'prod',
    'prd',
    'staging',
    'stg',
    'dev',
    'development',
    'qa',
    '${{ matrix.env }}',
    '${{ inputs.environment }}',
  ),
  junk,
);

const configPath = fc.oneof(
  fc.constantFrom(
    'ecspresso.yml',
    '.ecspresso/production/config.yaml',
    '.ecspresso/staging/config.yaml',
    '.ecspresso/${{ matrix.env }}/config.yaml',
    'deploy/ecspresso.json',
    'config_prod.yml',
    '../outside/config.yaml',
    '..',
    '/etc/ecspresso.yml',
    '$CONFIG',
    '"$(pwd)/ecspresso.yml"',
  ),
  junk,
);

const ecspressoFlag = fc.constantFrom(
  '--deregister-task-definition',
  '--no-deregister-task-definition',
  '--deregister-task-definition=false',
  '--no-wait',
  '--latest-task-definition',
  '--force-new-deployment',
  '--rollback-events DEPLOYMENT_FAILURE',
  '--skip-task-definition',
  '--dry-run',
  '--tasks 2',
  '--',
);

const ecspressoCommand = fc
  .record({
    prefix: fc.constantFrom(
      '',
      'IMAGE_TAG=${{ github.sha }} ',
      'IMAGE_TAG=latest ',
      'IMAGE_TAG="$TAG" ',
      'env IMAGE_TAG=$GITHUB_SHA ',
      'sudo ',
      'time ',
    ),
    sub: fc.constantFrom(
      'deploy',
      'rollback',
      'render',
      'verify',
      'diff',
      'register',
      'refresh',
      'status',
      'init',
      'exec',
      '',
    ),
    config: fc.option(configPath, { nil: undefined }),
    flags: fc.array(ecspressoFlag, { maxLength: 3 }),
  })
  .map(({ prefix, sub, config, flags }) =>
    `${prefix}ecspresso ${sub}${config === undefined ? '' : ` --config ${config}`} ${flags.join(' ')}`.trimEnd(),
  );

const shellLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: ecspressoCommand },
  { weight: 3, arbitrary: image.map((i) => `docker build -t ${i} .`) },
  { weight: 2, arbitrary: image.map((i) => `docker push ${i}`) },
  { weight: 1, arbitrary: fc.tuple(image, image).map(([a, b]) => `docker tag ${a} ${b}`) },
  { weight: 2, arbitrary: tag.map((t) => `echo "IMAGE_TAG=${t}" >> "$GITHUB_ENV"`) },
  { weight: 2, arbitrary: tag.map((t) => `echo "tag=${t}" >> $GITHUB_OUTPUT`) },
  { weight: 1, arbitrary: tag.map((t) => `export IMAGE_TAG=${t}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'make deploy',
      'make -C deploy rollback ENV=prod',
      'bash scripts/deploy.sh',
      './scripts/rollback.sh production',
      'source ./env.sh',
      'sh -c "ecspresso deploy"',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'if [ -n "$X" ]; then',
      'fi',
      'for e in staging production; do',
      'done',
      'case "$1" in prod) ecspresso deploy ;; esac',
      'cat <<EOF > out.json',
      'EOF',
      'X=$(ecspresso render task-definition | jq -r .image)',
      'echo `date`',
      'set -euo pipefail',
      '{ echo a; } | tee b',
      'curl -sL https://github.com/kayac/ecspresso/releases/latest/download/ecspresso_linux_amd64.tar.gz | tar xz',
      '((',
      '"unterminated',
    ),
  },
  { weight: 1, arbitrary: junk },
);

const runScript = fc
  .array(shellLine, { minLength: 1, maxLength: 5 })
  .map((lines) => lines.join('\n'));

const usesRef = fc.oneof(
  fc.constantFrom(
    'actions/checkout@v4',
    `actions/checkout@${SHA}`,
    'docker/build-push-action@v6',
    'docker/metadata-action@v5',
    'kayac/ecspresso@v2',
    `kayac/ecspresso@${SHA}`,
    'aws-actions/configure-aws-credentials@v4',
    'aws-actions/amazon-ecr-login@v2',
    'docker://alpine:3',
    `docker://alpine@sha256:${'a'.repeat(64)}`,
    './.github/actions/setup',
    'doppio-dev/doppio/.github/workflows/deploy-ecspresso.yml@main',
    'doppio-dev/doppio/.github/workflows/build-push.yml@v1',
    `doppio-dev/doppio/.github/workflows/rollback.yml@${SHA}`,
    'doppio-dev/doppio/.github/workflows/notify-conclusion.yml@v1.2.3',
    'doppio-dev/doppio/actions/setup-ecspresso@main',
    'owner/repo/path/to@ref',
    '@',
    'a@b@c',
    '${{ matrix.action }}',
    'docker://',
  ),
  junk.map((j) => `o/r@${j}`),
);

const scalarValue = fc.oneof(
  expression,
  tag,
  image,
  environmentName,
  configPath,
  junk,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

const envMap = fc.dictionary(
  fc.oneof(
    fc.constantFrom('IMAGE_TAG', 'TAG', 'IMAGE', 'REGISTRY', 'CONFIG', 'ENV', 'AWS_REGION'),
    fc.string({ maxLength: 6 }),
  ),
  scalarValue,
  { maxKeys: 4 },
);

const withMap = fc.dictionary(
  fc.constantFrom(
    'version',
    'version-file',
    'tags',
    'images',
    'push',
    'config',
    'environment',
    'image-tag',
    'role-to-assume',
    'aws-access-key-id',
    'aws-secret-access-key',
    'needs',
    'strict',
    'deregister-task-definition',
    'service',
  ),
  fc.oneof(
    scalarValue,
    fc.array(image, { maxLength: 3 }).map((a) => a.join('\n')),
  ),
  { maxKeys: 4 },
);

const step = fc.oneof(
  fc.record(
    { uses: usesRef, with: withMap, id: fc.constantFrom('meta', 'tag', 'build', 'x') },
    { requiredKeys: ['uses'] },
  ),
  fc.record(
    {
      id: fc.constantFrom('meta', 'tag', 'build', 'deploy'),
      name: junk,
      run: runScript,
      shell: fc.constantFrom('bash', 'sh', 'pwsh', 'python', 'bash -e {0}'),
      env: envMap,
      if: fc.oneof(expression, junk),
      'working-directory': fc.constantFrom('deploy', '.', '../x', 'a/b'),
    },
    { requiredKeys: ['run'] },
  ),
  scalarValue,
);

const jobId = fc.constantFrom(
  'build',
  'deploy',
  'deploy-staging',
  'deploy-production',
  'rollback',
  'notify',
  'setup',
  'test',
);

const matrix = fc.record(
  {
    env: fc.array(environmentName, { maxLength: 3 }),
    service: fc.array(fc.constantFrom('web', 'worker', 'api'), { maxLength: 3 }),
    include: fc.array(
      fc.dictionary(fc.constantFrom('env', 'service', 'config'), scalarValue, { maxKeys: 2 }),
      { maxLength: 2 },
    ),
    exclude: fc.array(
      fc.dictionary(fc.constantFrom('env', 'service'), scalarValue, { maxKeys: 2 }),
      { maxLength: 1 },
    ),
  },
  { requiredKeys: [] },
);

const job = fc.oneof(
  fc.record(
    {
      'runs-on': fc.constantFrom('ubuntu-latest', '${{ matrix.os }}'),
      needs: fc.oneof(jobId, fc.array(jobId, { maxLength: 3 })),
      if: fc.oneof(
        expression,
        fc.constantFrom('always()', 'success()', "github.ref == 'refs/heads/main'"),
      ),
      environment: fc.oneof(
        environmentName,
        fc.record({ name: environmentName, url: junk }, { requiredKeys: [] }),
      ),
      concurrency: fc.oneof(
        junk,
        fc.record(
          {
            group: fc.oneof(junk, expression),
            'cancel-in-progress': fc.oneof(fc.boolean(), expression),
          },
          { requiredKeys: [] },
        ),
      ),
      env: envMap,
      outputs: fc.dictionary(
        fc.constantFrom('tag', 'image', 'digest', 'built'),
        fc.oneof(expression, junk),
        { maxKeys: 3 },
      ),
      permissions: fc.oneof(
        fc.constantFrom('read-all', 'write-all'),
        fc.dictionary(
          fc.constantFrom('id-token', 'contents'),
          fc.constantFrom('write', 'read', 'none'),
          { maxKeys: 2 },
        ),
      ),
      strategy: fc.record({ matrix: fc.oneof(matrix, expression) }),
      defaults: fc.record({ run: fc.record({ shell: fc.constantFrom('bash', 'sh', 'pwsh') }) }),
      steps: fc.array(step, { maxLength: 4 }),
    },
    { requiredKeys: ['steps'] },
  ),
  fc.record(
    {
      uses: usesRef,
      with: withMap,
      secrets: fc.oneof(fc.constant('inherit'), envMap),
      needs: fc.array(jobId, { maxLength: 3 }),
      if: expression,
      environment: environmentName,
    },
    { requiredKeys: ['uses'] },
  ),
  scalarValue,
);

const triggers = fc.oneof(
  fc.constantFrom('push', 'pull_request', 'workflow_dispatch', 'release'),
  fc.array(
    fc.constantFrom('push', 'pull_request', 'workflow_dispatch', 'release', 'workflow_call'),
    { maxLength: 3 },
  ),
  fc.record(
    {
      push: fc.oneof(
        fc.constant(null),
        fc.record(
          {
            branches: fc.array(fc.constantFrom('main', '**', 'feature/*', 'release/**', '*'), {
              maxLength: 3,
            }),
            tags: fc.array(fc.constantFrom('v*', 'v[0-9]+.[0-9]+.[0-9]+', '**'), { maxLength: 2 }),
          },
          { requiredKeys: [] },
        ),
      ),
      workflow_call: fc.oneof(
        fc.constant(null),
        fc.record({
          inputs: fc.dictionary(
            fc.constantFrom('environment', 'config', 'image-tag'),
            fc.record({ type: fc.constant('string'), default: scalarValue }, { requiredKeys: [] }),
            { maxKeys: 3 },
          ),
        }),
      ),
      workflow_dispatch: fc.constant(null),
      release: fc.constant({ types: ['published'] }),
    },
    { requiredKeys: [] },
  ),
);

/** A workflow as a JavaScript value (serialised by `workflowText`). */
export const workflowValue = fc.record(
  {
    name: junk,
    on: triggers,
    env: envMap,
    permissions: fc.constantFrom('read-all', {}),
    concurrency: fc.oneof(junk, expression),
    defaults: fc.record({ run: fc.record({ shell: fc.constantFrom('bash', 'sh', 'pwsh') }) }),
    jobs: fc.oneof(
      { weight: 9, arbitrary: fc.dictionary(jobId, job, { minKeys: 1, maxKeys: 3 }) },
      { weight: 1, arbitrary: scalarValue },
    ),
  },
  { requiredKeys: ['on', 'jobs'] },
);

/** YAML text in one of several styles: block, flow (collections from some depth), JSON. */
export function yamlText(value: unknown, style: number): string {
  switch (style % 4) {
    case 0:
      return stringify(value, { lineWidth: 0 });
    case 1:
      return stringify(value, { collectionStyle: 'flow', lineWidth: 0 });
    case 2:
      return JSON.stringify(value, null, 2);
    default:
      return stringify(value, {
        indent: 4,
        indentSeq: false,
        defaultStringType: 'QUOTE_DOUBLE',
        lineWidth: 60,
      });
  }
}

// ---------------------------------------------------------------------------------------------
// ecspresso

const template = fc.constantFrom(
  '{{ must_env `IMAGE_TAG` }}',
  '{{ env `IMAGE_TAG` `latest` }}',
  '{{ must_env "IMAGE_TAG" }}',
  '{{ tfstate `aws_ecr_repository.app.repository_url` }}',
  '{{ ssm `/app/image` }}',
  '{{ .Env.IMAGE_TAG }}',
  '{{- must_env `TAG` -}}',
  '{{ if .x }}a{{ else }}b{{ end }}',
  '{{ json_escape (must_env `X`) }}',
  '{{ must_env',
  '{{}}',
  '}}{{',
  '{{ `}}` }}',
  '{{ "a\\"}}" }}',
);

const templatedString = fc
  .array(
    fc.oneof(
      template,
      junk,
      tag.filter((t) => !t.includes('${{')),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((parts) => parts.join(''));

const imageValue = fc.oneof(
  templatedString,
  fc
    .tuple(
      fc.constantFrom(
        '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app',
        '{{ must_env `REPO` }}',
        '{{ tfstate `x` }}',
        'nginx',
        '',
      ),
      fc.constantFrom(':', `@sha256:${'b'.repeat(64)}`, '', ':{{ '),
      templatedString,
    )
    .map(([r, sep, t]) => r + sep + t),
);

const containerDefinition = fc.record(
  {
    name: fc.oneof(fc.constantFrom('app', 'sidecar'), junk),
    image: imageValue,
    essential: fc.boolean(),
    environment: fc.array(
      fc.record({ name: fc.constantFrom('A', 'IMAGE_TAG'), value: templatedString }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['image'] },
);

export const taskDefinitionValue = fc.oneof(
  fc.record(
    {
      family: junk,
      cpu: fc.constantFrom('256', '{{ must_env `CPU` }}'),
      containerDefinitions: fc.oneof(fc.array(containerDefinition, { maxLength: 3 }), scalarValue),
    },
    { requiredKeys: ['containerDefinitions'] },
  ),
  fc.record({
    taskDefinition: fc.record({
      containerDefinitions: fc.array(containerDefinition, { maxLength: 2 }),
    }),
  }),
  scalarValue,
);

export const serviceDefinitionValue = fc.oneof(
  fc.record(
    {
      deploymentController: fc.oneof(
        fc.record(
          { type: fc.oneof(fc.constantFrom('ECS', 'CODE_DEPLOY', 'EXTERNAL'), templatedString) },
          { requiredKeys: [] },
        ),
        scalarValue,
      ),
      desiredCount: fc.integer(),
    },
    { requiredKeys: [] },
  ),
  scalarValue,
);

const relatedPath = fc.constantFrom(
  'ecs-task-def.json',
  'ecs-service-def.json',
  'td.yml',
  'td.jsonnet',
  'missing.json',
  '../outside.json',
  '/abs/td.json',
  '{{ must_env `TD` }}',
  '',
  'sub/../ecs-task-def.json',
);

export const ecspressoConfigValue = fc.oneof(
  fc.record(
    {
      region: fc.constantFrom('ap-northeast-1', '{{ must_env `AWS_REGION` }}'),
      cluster: templatedString,
      service: templatedString,
      service_definition: relatedPath,
      task_definition: relatedPath,
      timeout: fc.constantFrom('10m', '{{ env `T` `5m` }}'),
      plugins: fc.array(
        fc.record({ name: fc.constantFrom('tfstate', 'ssm'), config: fc.record({ url: junk }) }),
        { maxLength: 2 },
      ),
      required_version: fc.constantFrom('>= 2.0.0', ''),
    },
    { requiredKeys: [] },
  ),
  scalarValue,
);

/** JSON with templates where ecspresso allows them: inside strings, and sometimes as bare values. */
export function jsonWithTemplates(value: unknown, bare: boolean, indent: number): string {
  const text = JSON.stringify(value, null, indent % 5) ?? 'null';
  return bare ? text.replace(/"256"/g, '{{ must_env `CPU` }}') : text;
}

/** A small repository around the ecspresso files: one workflow that deploys with each config. */
export const ecspressoRepo: fc.Arbitrary<RepoFiles> = fc
  .record({
    configName: fc.constantFrom(
      'ecspresso.yml',
      'ecspresso.json',
      'ecspresso.jsonnet',
      '.ecspresso/production/config.yaml',
      '.ecspresso/staging/config.yml',
      'config_prod.yml',
      'deploy/ecspresso.yml',
    ),
    config: ecspressoConfigValue,
    taskDefinition: taskDefinitionValue,
    serviceDefinition: serviceDefinitionValue,
    style: fc.nat(),
    bare: fc.boolean(),
    command: ecspressoCommand,
    prefixTemplates: fc.array(template, { maxLength: 2 }),
  })
  .map(
    ({
      configName,
      config,
      taskDefinition,
      serviceDefinition,
      style,
      bare,
      command,
      prefixTemplates,
    }) => {
      const configText = /\.json(net)?$/.test(configName)
        ? jsonWithTemplates(config, bare, style)
        : yamlText(config, style);
      const dir = configName.includes('/')
        ? configName.slice(0, configName.lastIndexOf('/') + 1)
        : '';
      const files: RepoFiles = {
        [configName]: prefixTemplates.map((t) => `# ${t}\n`).join('') + configText,
        [`${dir}ecs-task-def.json`]: jsonWithTemplates(taskDefinition, bare, style),
        [`${dir}ecs-service-def.json`]: jsonWithTemplates(serviceDefinition, false, style),
        [`${dir}td.yml`]: yamlText(taskDefinition, style),
        [`${dir}td.jsonnet`]: `local x = 1;\n${jsonWithTemplates(taskDefinition, bare, style)}`,
        '.github/workflows/deploy.yml': `on:\n  push:\n    tags: ['v*']\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: |\n          ${command}\n          ecspresso deploy --config ${configName}\n`,
      };
      return files;
    },
  );

/** A small repository around a generated workflow, sometimes with the files it points at. */
export const workflowRepo: fc.Arbitrary<RepoFiles> = fc
  .record({
    workflows: fc.array(fc.tuple(workflowValue, fc.nat()), { minLength: 1, maxLength: 2 }),
    script: fc.option(runScript, { nil: undefined }),
    makefile: fc.option(fc.array(runScript, { maxLength: 3 }), { nil: undefined }),
    config: fc.option(fc.tuple(ecspressoConfigValue, taskDefinitionValue, fc.nat()), {
      nil: undefined,
    }),
  })
  .map(({ workflows, script, makefile, config }) => {
    const files: RepoFiles = {};
    for (const [i, [value, style]] of workflows.entries())
      files[`.github/workflows/w${i}.${style % 2 === 0 ? 'yml' : 'yaml'}`] = yamlText(value, style);
    if (script !== undefined) files['scripts/deploy.sh'] = `#!/bin/bash\n${script}\n`;
    if (makefile !== undefined)
      files['Makefile'] = makefile
        .map(
          (recipe, i) =>
            `${['deploy', 'rollback', 'all'][i]}:\n${recipe
              .split('\n')
              .map((l) => `\t${l}`)
              .join('\n')}\n`,
        )
        .join('');
    if (config !== undefined) {
      const [c, td, style] = config;
      files['.ecspresso/production/config.yaml'] = yamlText(c, style);
      files['.ecspresso/production/ecs-task-def.json'] = jsonWithTemplates(td, false, style);
      files['ecspresso.yml'] = yamlText(c, style + 1);
      files['ecs-task-def.json'] = jsonWithTemplates(td, true, style);
    }
    return files;
  });
