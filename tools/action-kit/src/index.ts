export {
  activeRevisions,
  isRunning,
  previousRevision,
  primaryDeployment,
  type Revision,
} from './ecs-service.js';
export {
  formatRef,
  parseTaskDefinitionRef,
  requireTaskDefinitionRef,
  sameRevision,
  type TaskDefinitionRef,
} from './task-definition-ref.js';
export { parseWait, waitUntilSteady } from './wait.js';
export { checkImageTag, InputError, type ImageTag } from './image-tag.js';
export {
  JOB_RESULTS,
  type JobOutcome,
  type JobResult,
  parseJobResults,
  RESULT_ICONS,
} from './jobs.js';
export {
  type DeployRecord,
  latestRecords,
  parseRecord,
  parseRecords,
  RECORD_FILE,
  RECORD_PREFIX,
  RECORD_VERSION,
  recordArtifactName,
  recordLine,
  revisionOf,
  shortDigest,
} from './record.js';
