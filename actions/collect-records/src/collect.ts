// The deploy records of this workflow run: every `doppio-record-…` artifact (the latest of each
// name), downloaded and read; one per service, the newest run attempt's. An unreadable one is
// reported, never fatal: the notification then names that job by its result only.
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DeployRecord,
  latestRecords,
  parseRecord,
  RECORD_FILE,
  RECORD_PREFIX,
} from '@doppio-dev/action-kit';

/** The part of @actions/artifact's client this uses; tests give their own. */
export interface RecordArtifacts {
  listArtifacts(options?: {
    latest?: boolean;
  }): Promise<{ artifacts: { name: string; id: number }[] }>;
  downloadArtifact(id: number, options?: { path?: string }): Promise<{ downloadPath?: string }>;
}

export interface Collected {
  readonly records: DeployRecord[];
  readonly problems: string[];
}

export async function collectRecords(
  artifacts: RecordArtifacts,
  workDir: string,
): Promise<Collected> {
  const { artifacts: all } = await artifacts.listArtifacts({ latest: true });
  const records: DeployRecord[] = [];
  const problems: string[] = [];
  for (const artifact of all
    .filter((a) => a.name.startsWith(RECORD_PREFIX))
    .sort((a, b) => a.name.localeCompare(b.name))) {
    try {
      const path = mkdtempSync(join(workDir, 'record-'));
      const downloaded = await artifacts.downloadArtifact(artifact.id, { path });
      records.push(
        parseRecord(
          readFileSync(join(downloaded.downloadPath ?? path, RECORD_FILE), 'utf8'),
          `artifact ${artifact.name}`,
        ),
      );
    } catch (error) {
      problems.push(
        `artifact ${artifact.name} could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return { records: latestRecords(records), problems };
}
