// The service repository the scenarios deploy: a git repository with a Dockerfile, one ecspresso
// config per environment and service (as doppio's templates expect), and the caller workflows of
// test/e2e/callers in .github/workflows/. A "bad release" is a commit whose task definition carries
// the label the patched moto treats as "tasks fail to start" (test/e2e/moto/doppio_moto.py).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const REGION = 'ap-northeast-1';
export const ECR_REPOSITORY = 'service';
/** The repository act reports (`github.repository`), from the origin remote. */
export const GITHUB_REPOSITORY = 'example/service';
const CALLERS = join(import.meta.dirname, '..', 'callers');

export type Tasks = 'start' | 'fail';

export interface ServiceSpec {
  readonly services: readonly string[];
  readonly environments: readonly string[];
  /** Account of the registry images are pulled from; by default the deploy role's own account. */
  readonly registryAccount?: string;
}

export const configPath = (environment: string, service: string): string =>
  `.ecspresso/${environment}/${service}.yaml`;
export const family = (environment: string, service: string): string => `${service}-${environment}`;

function config(environment: string, service: string): string {
  return [
    `region: ${REGION}`,
    `cluster: ${environment}`,
    `service: ${service}`,
    'service_definition: ../service-def.json',
    `task_definition: ${service}-task-def.json`,
    'timeout: 2m',
    '',
  ].join('\n');
}

function taskDefinition(
  environment: string,
  service: string,
  tasks: Tasks,
  registryAccount: string | undefined,
): string {
  const account = registryAccount ?? '{{ must_env `AWS_ACCOUNT_ID` }}';
  return `${JSON.stringify(
    {
      family: family(environment, service),
      requiresCompatibilities: ['EC2'],
      containerDefinitions: [
        {
          name: service,
          image: `${account}.dkr.ecr.${REGION}.amazonaws.com/${ECR_REPOSITORY}:{{ must_env \`IMAGE_TAG\` }}`,
          memory: 128,
          essential: true,
          dockerLabels: { 'doppio.e2e/tasks': tasks },
        },
      ],
    },
    null,
    2,
  )}\n`;
}

// The deployment circuit breaker with rollback on, as ECS services deployed by doppio should have.
const SERVICE_DEFINITION = `${JSON.stringify(
  {
    desiredCount: 1,
    launchType: 'EC2',
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
  },
  null,
  2,
)}\n`;

export class ServiceRepo {
  private constructor(
    readonly dir: string,
    readonly spec: ServiceSpec,
  ) {}

  static create(dir: string, spec: ServiceSpec): ServiceRepo {
    const repo = new ServiceRepo(dir, spec);
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    repo.git('init', '-q', '-b', 'main');
    repo.git('remote', 'add', 'origin', `https://github.com/${GITHUB_REPOSITORY}.git`);
    for (const caller of readdirSync(CALLERS))
      copyFileSync(join(CALLERS, caller), join(dir, '.github', 'workflows', caller));
    const files: Record<string, string> = {
      Dockerfile: 'FROM scratch\nCOPY app.txt /app.txt\nCMD ["/app"]\n',
      'app.txt': 'release 1\n',
      '.ecspresso/service-def.json': SERVICE_DEFINITION,
    };
    for (const environment of spec.environments) {
      for (const service of spec.services) {
        files[configPath(environment, service)] = config(environment, service);
        files[`.ecspresso/${environment}/${service}-task-def.json`] = taskDefinition(
          environment,
          service,
          'start',
          spec.registryAccount,
        );
      }
    }
    repo.commit('the service', files);
    return repo;
  }

  /** Writes the files, commits them on the current branch and returns the new commit's full SHA. */
  commit(message: string, files: Readonly<Record<string, string>>): string {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), text);
    }
    this.git('add', '-A');
    this.git(
      '-c',
      'user.name=e2e',
      '-c',
      'user.email=e2e@example.com',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      message,
    );
    return this.head();
  }

  /** A new release of the app; with `failing`, those services' tasks fail to start in that environment. */
  release(
    message: string,
    failing: readonly { environment: string; service: string }[] = [],
  ): string {
    const files: Record<string, string> = { 'app.txt': `${message}\n` };
    for (const environment of this.spec.environments) {
      for (const service of this.spec.services) {
        const fails = failing.some((f) => f.environment === environment && f.service === service);
        const path = `.ecspresso/${environment}/${service}-task-def.json`;
        const text = taskDefinition(
          environment,
          service,
          fails ? 'fail' : 'start',
          this.spec.registryAccount,
        );
        if (readFileSync(join(this.dir, path), 'utf8') !== text) files[path] = text;
      }
    }
    return this.commit(message, files);
  }

  tag(name: string): void {
    this.git('tag', name);
  }

  head(): string {
    return this.git('rev-parse', 'HEAD');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8' }).trim();
  }
}
