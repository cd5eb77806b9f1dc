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

/** Creates the roles, the user that stands in for GitHub's OIDC provider (it may assume them), and
 *  an administrator for the suite's own reads. Returns both users' keys. */
export async function provisionIam(
  iam: IAMClient,
  roles: readonly RoleSpec[],
): Promise<{ harness: Credentials; oidc: Credentials }> {
  const permissions = readPermissions();
  const user = async (name: string, actions: string[]): Promise<Credentials> => {
    await iam.send(new CreateUserCommand({ UserName: name }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: name,
        PolicyName: name,
        PolicyDocument: policy(actions),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  };
  const harness = await user('e2e-harness', ['*']);
  const oidc = await user('github-oidc', ['sts:AssumeRole']);
  const oidcArn = `arn:aws:iam::${roles[0]?.arn.split(':')[4] ?? '123456789012'}:user/github-oidc`;
  for (const role of roles) {
    const name = role.arn.split('/').pop()!;
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: oidcArn }, Action: 'sts:AssumeRole' }],
    });
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: name,
        PolicyName: 'doppio',
        PolicyDocument: policy(actionsOf(permissions, role.workflows)),
      }),
    );
  }
  return { harness, oidc };
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
