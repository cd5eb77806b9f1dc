// Least privilege, enforced: every scenario runs with roles that hold exactly the actions
// workflows/iam.yml lists for the workflows they serve, and moto checks every request against
// them (its IAM enforcement, switched on once the world is provisioned). A missing action fails the
// scenario with AccessDenied. moto checks actions, not resources, so the policies allow each action
// on every resource.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  type IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { parse } from 'yaml';

const IAM_SOURCE = join(import.meta.dirname, '..', '..', '..', 'workflows', 'iam.yml');

export type Permissions = Readonly<
  Record<
    string,
    {
      readonly trust?: string;
      readonly statements: readonly { readonly actions: readonly string[] }[];
    }
  >
>;

export function readPermissions(path = IAM_SOURCE): Permissions {
  return parse(readFileSync(path, 'utf8')) as Permissions;
}

/** Every action any statement of these workflows lists, sorted. */
export function actionsOf(permissions: Permissions, workflows: readonly string[]): string[] {
  return [
    ...new Set(
      workflows.flatMap((workflow) =>
        (permissions[workflow]?.statements ?? []).flatMap((statement) => statement.actions),
      ),
    ),
  ].sort();
}

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface RoleSpec {
  readonly arn: string;
  /** The reusable workflows the role is used by (keys of workflows/iam.yml). */
  readonly workflows: readonly string[];
}

/** Creates, in each role's account, the role (trusting the user that stands in for GitHub's OIDC
 *  provider, in `home`) and the suite's own administrator role `admin` in every account; returns the
 *  OIDC user's keys. `iamOf` gives an IAM client in an account. */
export async function provisionIam(
  iamOf: (account: string) => IAMClient,
  roles: readonly RoleSpec[],
  where: { readonly home: string; readonly admin: string; readonly accounts: readonly string[] },
): Promise<{ oidc: Credentials }> {
  const permissions = readPermissions();
  const home = iamOf(where.home);
  await home.send(new CreateUserCommand({ UserName: 'github-oidc' }));
  await home.send(
    new PutUserPolicyCommand({
      UserName: 'github-oidc',
      PolicyName: 'assume',
      PolicyDocument: policy(['sts:AssumeRole']),
    }),
  );
  const key = (await home.send(new CreateAccessKeyCommand({ UserName: 'github-oidc' }))).AccessKey!;
  const trust = (principal: string): string =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
    });
  const createRole = async (
    account: string,
    name: string,
    actions: readonly string[],
    principal: string,
  ): Promise<void> => {
    const iam = iamOf(account);
    await iam.send(
      new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(principal) }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: name,
        PolicyName: 'doppio',
        PolicyDocument: policy(actions),
      }),
    );
  };
  for (const account of where.accounts)
    await createRole(account, where.admin, ['*'], `arn:aws:iam::${account}:root`);
  for (const role of roles) {
    const [, , , , account, resource] = role.arn.split(':') as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    await createRole(
      account,
      resource.replace(/^role\//, ''),
      actionsOf(permissions, role.workflows),
      `arn:aws:iam::${where.home}:user/github-oidc`,
    );
  }
  return { oidc: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } };
}

function policy(actions: readonly string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
  });
}

/** From now on moto authenticates and authorises every request. */
export async function enforceIam(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset-auth`, { method: 'POST', body: '0' });
  if (!response.ok)
    throw new Error(`moto did not switch IAM enforcement on: HTTP ${response.status}`);
}
