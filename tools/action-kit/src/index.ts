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
