// One scenario's world: the patched moto (ECS, ECR, STS), a real registry, a Slack receiver, the
// ecspresso release server (when there is an ecspresso), a service repository, and running its
// caller workflows under act with nothing of this machine's environment but PATH and HOME.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CreateRepositoryCommand, DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { findMotoServer, motoPython, startMoto, type Moto } from '@doppio-dev/action-testing';
import { IAMClient } from '@aws-sdk/client-iam';
import { runAct, type ActRun } from './act.js';
import { enforceIam, provisionIam, type Credentials } from './iam.js';
import { CONTINUATION_WORKFLOW, writeContinuation } from './continuation.js';
import { exportWorkingTree } from './stand-ins.js';
import { startRegistry, type Registry } from './registry.js';
import { startReleaseServer, type ReleaseServer } from './release-server.js';
import { ECR_REPOSITORY, family, REGION, ServiceRepo, type ServiceSpec } from './service-repo.js';
import { startSlackReceiver, type SlackReceiver } from './slack.js';
import type { Ecspresso } from './tools.js';

export const LAUNCHER = join(import.meta.dirname, '..', 'moto', 'doppio_moto.py');
export const ACCOUNT = '123456789012';
/** The image every service ran before the scenario's first deploy. */
export const INITIAL_TAG = '0'.repeat(40);
export const role = (name: string, account = ACCOUNT): string =>
  `arn:aws:iam::${account}:role/${name}`;

export interface WorldOptions extends Partial<ServiceSpec> {
  readonly ecspresso?: Ecspresso | undefined;
}

export interface RunOptions {
  readonly event?: 'push' | 'workflow_dispatch';
  readonly payload?: Record<string, unknown>;
  readonly inputs?: Record<string, string>;
  readonly vars?: Record<string, string>;
}

export interface WorkflowRun extends ActRun {
  /** The caller's `toJSON(needs)` as its last job recorded it: each called workflow's result and outputs. */
  readonly needs: Record<string, { result: string; outputs: Record<string, string> }>;
}

export class World {
  private runs = 0;

  private constructor(
    readonly dir: string,
    private readonly doppioTree: string,
    readonly moto: Moto,
    readonly registry: Registry,
    readonly slack: SlackReceiver,
    readonly release: ReleaseServer | undefined,
    readonly ecspresso: Ecspresso | undefined,
    readonly repo: ServiceRepo,
    readonly ecs: ECSClient,
    readonly ecr: ECRClient,
    /** The keys the configure-aws-credentials stand-in assumes roles with (GitHub's OIDC, standing in). */
    private readonly oidc: Credentials,
  ) {}

  static async start(options: WorldOptions = {}): Promise<World> {
    const dir = mkdtempSync(join(tmpdir(), 'doppio-e2e-'));
    const spec: ServiceSpec = {
      services: options.services ?? ['web'],
      environments: options.environments ?? ['staging', 'production'],
      registryAccount: options.registryAccount,
    };
    const moto = await startMoto({ launcher: LAUNCHER, env: { MOTO_ECS_SERVICE_RUNNING: '1' } });
    const registry = await startRegistry(join(dir, 'registry'));
    const slack = await startSlackReceiver();
    const release = options.ecspresso
      ? await startReleaseServer(join(dir, 'release'), options.ecspresso)
      : undefined;
    const repo = ServiceRepo.create(join(dir, 'service'), spec);
    // Set the world up before IAM is enforced; from then on every request is checked, the suite's own
    // reads included (as an administrator).
    const bootstrap = {
      region: REGION,
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    };
    const [ecs, ecr, iam] = [
      new ECSClient(bootstrap),
      new ECRClient(bootstrap),
      new IAMClient(bootstrap),
    ];
    await provision(ecs, ecr, spec);
    const { harness, oidc } = await provisionIam(iam, [
      { arn: role('build'), workflows: ['build-push'] },
      { arn: role('staging-deploy'), workflows: ['deploy-ecspresso', 'rollback'] },
      { arn: role('production-deploy'), workflows: ['deploy-ecspresso', 'rollback'] },
    ]);
    await enforceIam(moto.endpoint);
    for (const client of [ecs, ecr, iam]) client.destroy();
    const client = { ...bootstrap, credentials: harness };
    const doppioTree = exportWorkingTree(join(dir, 'doppio'));
    return new World(
      dir,
      doppioTree,
      moto,
      registry,
      slack,
      release,
      options.ecspresso,
      repo,
      new ECSClient(client),
      new ECRClient(client),
      oidc,
    );
  }

  /** Runs a caller workflow of the service repository under act (and what act left out of it: see
   *  continuation.ts). */
  async run(workflow: string, options: RunOptions = {}): Promise<WorkflowRun> {
    let run = await this.act(workflow, options);
    let needs = run.needs ?? {};
    // act may stop again inside the continuation (a notify job that fails on purpose), so go on
    // until every job ran.
    for (
      let continuation = run.needs
        ? undefined
        : writeContinuation(this.repo.dir, workflow, run.jobs);
      continuation;
    ) {
      try {
        const rest = await this.act(CONTINUATION_WORKFLOW, {
          ...options,
          vars: { ...options.vars, ...continuation.vars },
        });
        const jobs = new Map([...run.jobs, ...rest.jobs]);
        run = {
          exitCode: rest.exitCode || run.exitCode,
          jobs,
          timings: new Map([...run.timings, ...rest.timings]),
          steps: [...run.steps, ...rest.steps],
          outputs: [...run.outputs, ...rest.outputs],
          summaries: [...run.summaries, ...rest.summaries],
          log: `${run.log}\n${rest.log}`,
          needs: rest.needs,
        };
        needs = { ...continuation.needs, ...rest.needs };
        continuation =
          rest.needs || rest.jobs.size === 0
            ? undefined
            : writeContinuation(this.repo.dir, workflow, jobs);
      } finally {
        rmSync(join(this.repo.dir, '.github', 'workflows', CONTINUATION_WORKFLOW), { force: true });
      }
    }
    return { ...run, needs };
  }

  private async act(
    workflow: string,
    options: RunOptions,
  ): Promise<ActRun & { needs: WorkflowRun['needs'] | undefined }> {
    const runDir = join(this.dir, `run-${++this.runs}`);
    mkdirSync(runDir, { recursive: true });
    const record = join(runDir, 'needs.json');
    const result = await runAct({
      repo: this.repo.dir,
      workflow,
      event: options.event ?? 'push',
      // act reads workflow_dispatch inputs from the event payload when one is given, as GitHub sends them.
      payload: {
        ref: 'refs/heads/main',
        ...(options.inputs ? { inputs: options.inputs } : {}),
        ...options.payload,
      },
      vars: {
        AWS_BUILD_ROLE_ARN: role('build'),
        AWS_STAGING_DEPLOY_ROLE_ARN: role('staging-deploy'),
        AWS_PRODUCTION_DEPLOY_ROLE_ARN: role('production-deploy'),
        ECSPRESSO_VERSION: this.ecspresso?.version ?? '',
        ECSPRESSO_BASE_URL: this.release?.baseUrl ?? '',
        SERVICES: JSON.stringify(this.repo.spec.services),
        ...options.vars,
      },
      secrets: { SLACK_WEBHOOK_URL: this.slack.url },
      env: {
        // The stand-ins' python3 is the one with moto's boto3 (the project's venv when moto came from there).
        PATH: [dirname(motoPython(findMotoServer() ?? 'moto_server')), process.env['PATH'] ?? '']
          .filter((dir) => dir !== '.')
          .join(':'),
        HOME: process.env['HOME'] ?? '',
        // The runner's way to AWS: the emulator. No credentials: only the configure-aws-credentials
        // stand-in hands any out, as OIDC would.
        AWS_ENDPOINT_URL: this.moto.endpoint,
        ...(this.release ? { NODE_EXTRA_CA_CERTS: this.release.caFile } : {}),
        E2E_REGISTRY: this.registry.host,
        E2E_BUILDAH_ROOT: join(this.dir, 'buildah'),
        E2E_SERVICE_REPO: this.repo.dir,
        E2E_OIDC_ACCESS_KEY_ID: this.oidc.accessKeyId,
        E2E_OIDC_SECRET_ACCESS_KEY: this.oidc.secretAccessKey,
        E2E_RECORD: record,
      },
      workDir: runDir,
      doppioTree: this.doppioTree,
    });
    writeFileSync(join(runDir, 'act.log'), result.log);
    return {
      ...result,
      needs: existsSync(record)
        ? (JSON.parse(readFileSync(record, 'utf8')) as WorkflowRun['needs'])
        : undefined,
    };
  }

  async service(
    environment: string,
    service: string,
  ): Promise<{ taskDefinition: string; primary: string | undefined; images: string[] }> {
    const described = (
      await this.ecs.send(
        new DescribeServicesCommand({ cluster: environment, services: [service] }),
      )
    ).services![0]!;
    const td = (
      await this.ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: described.taskDefinition! }),
      )
    ).taskDefinition!;
    return {
      taskDefinition: td.taskDefinitionArn!,
      primary: described.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition,
      images: (td.containerDefinitions ?? []).map((c) => c.image!),
    };
  }

  /** Revisions of a family that are ACTIVE (or INACTIVE), oldest first, as `family:revision`. */
  async revisions(
    environment: string,
    service: string,
    status: 'ACTIVE' | 'INACTIVE' = 'ACTIVE',
  ): Promise<string[]> {
    const out = await this.ecs.send(
      new ListTaskDefinitionsCommand({
        familyPrefix: family(environment, service),
        status,
        sort: 'ASC',
      }),
    );
    return (out.taskDefinitionArns ?? []).map((arn) => arn.split('/').pop()!);
  }

  async imageDigest(tag: string): Promise<string | undefined> {
    try {
      const out = await this.ecr.send(
        new DescribeImagesCommand({
          repositoryName: ECR_REPOSITORY,
          imageIds: [{ imageTag: tag }],
        }),
      );
      return out.imageDetails?.[0]?.imageDigest;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    this.ecs.destroy();
    this.ecr.destroy();
    await Promise.all([
      this.moto.stop(),
      this.registry.stop(),
      this.slack.stop(),
      this.release?.stop(),
    ]);
    // E2E_KEEP=1 keeps everything (each run's act.log among it) for a look after a failure.
    if (process.env['E2E_KEEP']) console.log(`e2e: kept ${this.dir}`);
    else rmSync(this.dir, { recursive: true, force: true });
  }
}

/** What exists before doppio runs: the ECR repository, and in each environment a cluster whose
 *  services run revision 1 of their family (an image built before doppio). */
async function provision(ecs: ECSClient, ecr: ECRClient, spec: ServiceSpec): Promise<void> {
  await ecr.send(
    new CreateRepositoryCommand({
      repositoryName: ECR_REPOSITORY,
      imageTagMutability: 'IMMUTABLE',
    }),
  );
  for (const environment of spec.environments) {
    await ecs.send(new CreateClusterCommand({ clusterName: environment }));
    for (const service of spec.services) {
      const registered = await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: family(environment, service),
          containerDefinitions: [
            {
              name: service,
              image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${ECR_REPOSITORY}:${INITIAL_TAG}`,
              memory: 128,
              essential: true,
            },
          ],
        }),
      );
      await ecs.send(
        new CreateServiceCommand({
          cluster: environment,
          serviceName: service,
          taskDefinition: registered.taskDefinition!.taskDefinitionArn!,
          desiredCount: 1,
        }),
      );
    }
  }
}
