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
import { type ArtifactService, startArtifactService } from './artifact-service.js';
import { IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
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
/** The suite's own administrator role in each account (its reads and its setup). */
const HARNESS_ROLE = 'e2e-harness';
/** The image every service ran before the scenario's first deploy. */
export const INITIAL_TAG = '0'.repeat(40);
export const role = (name: string, account = ACCOUNT): string =>
  `arn:aws:iam::${account}:role/${name}`;

/** Where things live: the shared ECR registry, and each environment's services (and deploy role). */
export interface Accounts {
  readonly registry: string;
  readonly environments: Readonly<Record<string, string>>;
}

export interface WorldOptions extends Partial<Omit<ServiceSpec, 'registryAccount'>> {
  readonly ecspresso?: Ecspresso | undefined;
  /** Every account is ACCOUNT unless given. */
  readonly accounts?: Accounts | undefined;
}

interface Clients {
  readonly ecs: ECSClient;
  readonly ecr: ECRClient;
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
    readonly artifacts: ArtifactService,
    readonly release: ReleaseServer | undefined,
    readonly ecspresso: Ecspresso | undefined,
    readonly repo: ServiceRepo,
    readonly accounts: Accounts,
    /** The suite's own clients (an administrator), by account. */
    private readonly clients: ReadonlyMap<string, Clients>,
    /** The keys the configure-aws-credentials stand-in assumes roles with (GitHub's OIDC, standing in). */
    private readonly oidc: Credentials,
  ) {}

  /** The suite's ECS client in the account an environment lives in. */
  ecsOf(environment: string): ECSClient {
    return this.clients.get(this.accounts.environments[environment] ?? ACCOUNT)!.ecs;
  }

  /** The suite's ECR client in the registry account. */
  get ecr(): ECRClient {
    return this.clients.get(this.accounts.registry)!.ecr;
  }

  /** The roles the callers assume (repository variables), in their accounts. */
  roles(): Record<string, string> {
    const of = (environment: string): string => this.accounts.environments[environment] ?? ACCOUNT;
    const crossAccount = of('staging') !== of('production');
    return {
      AWS_BUILD_ROLE_ARN: role('build', this.accounts.registry),
      AWS_STAGING_DEPLOY_ROLE_ARN: role('staging-deploy', of('staging')),
      AWS_PRODUCTION_DEPLOY_ROLE_ARN: role('production-deploy', of('production')),
      // Production reads what staging runs with staging's role when staging is another account.
      AWS_STAGING_READ_ROLE_ARN: crossAccount ? role('staging-deploy', of('staging')) : '',
    };
  }

  static async start(options: WorldOptions = {}): Promise<World> {
    const dir = mkdtempSync(join(tmpdir(), 'doppio-e2e-'));
    const environments = options.environments ?? ['staging', 'production'];
    const accounts: Accounts = options.accounts ?? {
      registry: ACCOUNT,
      environments: Object.fromEntries(environments.map((e) => [e, ACCOUNT])),
    };
    const spec: ServiceSpec = {
      services: options.services ?? ['web'],
      environments,
      // A registry in another account than the services is named in the task definitions.
      registryAccount: Object.values(accounts.environments).every(
        (account) => account === accounts.registry,
      )
        ? undefined
        : accounts.registry,
    };
    const moto = await startMoto({ launcher: LAUNCHER, env: { MOTO_ECS_SERVICE_RUNNING: '1' } });
    const registry = await startRegistry(join(dir, 'registry'));
    const slack = await startSlackReceiver();
    const artifacts = await startArtifactService();
    const release = options.ecspresso
      ? await startReleaseServer(join(dir, 'release'), options.ecspresso)
      : undefined;
    const repo = ServiceRepo.create(join(dir, 'service'), spec);

    // Set the world up before IAM is enforced, in each account as an administrator of it (the
    // suite's own role there, which keeps its rights once IAM is enforced).
    const involved = [
      ...new Set([ACCOUNT, accounts.registry, ...Object.values(accounts.environments)]),
    ];
    const admins = new Map<string, Credentials & { sessionToken: string }>();
    const sts = new STSClient({
      region: REGION,
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    for (const account of involved) {
      const assumed = (
        await sts.send(
          new AssumeRoleCommand({
            RoleArn: role(HARNESS_ROLE, account),
            RoleSessionName: 'e2e-harness',
          }),
        )
      ).Credentials!;
      admins.set(account, {
        accessKeyId: assumed.AccessKeyId!,
        secretAccessKey: assumed.SecretAccessKey!,
        sessionToken: assumed.SessionToken!,
      });
    }
    sts.destroy();
    const config = (account: string) => ({
      region: REGION,
      endpoint: moto.endpoint,
      credentials: admins.get(account)!,
    });
    const clients = new Map(
      involved.map((account) => [
        account,
        { ecs: new ECSClient(config(account)), ecr: new ECRClient(config(account)) },
      ]),
    );
    await clients.get(accounts.registry)!.ecr.send(
      new CreateRepositoryCommand({
        repositoryName: ECR_REPOSITORY,
        imageTagMutability: 'IMMUTABLE',
      }),
    );
    for (const environment of environments)
      await provisionEnvironment(
        clients.get(accounts.environments[environment] ?? ACCOUNT)!.ecs,
        environment,
        spec,
        accounts.registry,
      );
    const iams = new Map(involved.map((account) => [account, new IAMClient(config(account))]));
    const roles = [
      { arn: role('build', accounts.registry), workflows: ['build-push'] },
      ...environments.map((environment) => ({
        arn: role(`${environment}-deploy`, accounts.environments[environment] ?? ACCOUNT),
        workflows: ['deploy-ecspresso', 'rollback'],
      })),
    ];
    const { oidc } = await provisionIam((account) => iams.get(account)!, roles, {
      home: ACCOUNT,
      admin: HARNESS_ROLE,
      accounts: involved,
    });
    for (const iam of iams.values()) iam.destroy();
    await enforceIam(moto.endpoint);
    const doppioTree = exportWorkingTree(join(dir, 'doppio'));
    return new World(
      dir,
      doppioTree,
      moto,
      registry,
      slack,
      artifacts,
      release,
      options.ecspresso,
      repo,
      accounts,
      clients,
      oidc,
    );
  }

  /** Runs a caller workflow of the service repository under act (and what act left out of it: see
   *  continuation.ts). */
  async run(workflow: string, options: RunOptions = {}): Promise<WorkflowRun> {
    // One workflow run, one runtime token: the continuation sees the artifacts the first part left.
    const artifactToken = this.artifacts.tokenForRun();
    let run = await this.act(workflow, options, artifactToken);
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
        const rest = await this.act(
          CONTINUATION_WORKFLOW,
          { ...options, vars: { ...options.vars, ...continuation.vars } },
          artifactToken,
        );
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
    artifactToken: string,
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
        ...this.roles(),
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
        // GitHub's artifact service, standing in (artifact-service.ts): the deploy records go through it.
        ACTIONS_RESULTS_URL: this.artifacts.url,
        ACTIONS_RUNTIME_TOKEN: artifactToken,
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
    const ecs = this.ecsOf(environment);
    const described = (
      await ecs.send(new DescribeServicesCommand({ cluster: environment, services: [service] }))
    ).services![0]!;
    const td = (
      await ecs.send(
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
    const out = await this.ecsOf(environment).send(
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
          registryId: this.accounts.registry,
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
    for (const { ecs, ecr } of this.clients.values()) {
      ecs.destroy();
      ecr.destroy();
    }
    await Promise.all([
      this.moto.stop(),
      this.registry.stop(),
      this.slack.stop(),
      this.artifacts.stop(),
      this.release?.stop(),
    ]);
    // E2E_KEEP=1 keeps everything (each run's act.log among it) for a look after a failure.
    if (process.env['E2E_KEEP']) console.log(`e2e: kept ${this.dir}`);
    else rmSync(this.dir, { recursive: true, force: true });
  }
}

/** What exists in an environment before doppio runs: a cluster whose services run revision 1 of
 *  their family (an image built before doppio). */
async function provisionEnvironment(
  ecs: ECSClient,
  environment: string,
  spec: ServiceSpec,
  registryAccount: string,
): Promise<void> {
  await ecs.send(new CreateClusterCommand({ clusterName: environment }));
  for (const service of spec.services) {
    const registered = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: family(environment, service),
        containerDefinitions: [
          {
            name: service,
            image: `${registryAccount}.dkr.ecr.${REGION}.amazonaws.com/${ECR_REPOSITORY}:${INITIAL_TAG}`,
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
