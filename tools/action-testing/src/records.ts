import type { DeployRecord } from '@doppio-dev/action-kit';

/** A deploy record of `service` as deploy-record writes one (staging, deployed, nothing else
 *  known), with `changes` over it. */
export function deployRecord(service: string, changes: Partial<DeployRecord> = {}): DeployRecord {
  return {
    version: 1,
    kind: 'deploy',
    environment: 'staging',
    config: `.ecspresso/staging/${service}.yaml`,
    cluster: 'staging',
    service,
    result: 'success',
    outcome: 'deployed',
    before: '',
    after: '',
    images: [],
    digests: [],
    deregistered: [],
    url: '',
    runAttempt: 1,
    ...changes,
  };
}
