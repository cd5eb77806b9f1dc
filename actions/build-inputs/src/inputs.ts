// build-push's inputs, checked before anything is checked out or built: the tag to build (the full
// commit SHA, which is also the commit built), and whether this event may push at all.
import { checkImageTag, InputError } from '@doppio-dev/action-kit';

export { InputError };

export interface BuildInputs {
  readonly imageTag: string;
  /** github.sha. */
  readonly commit: string;
  readonly allowNonShaTag: boolean;
  readonly push: boolean;
  /** github.event_name. */
  readonly eventName: string;
  readonly allowPullRequestPush: boolean;
}

export interface CheckedBuild {
  readonly imageTag: string;
  /** The commit to check out and build: the tag itself when it is a SHA, else github.sha. */
  readonly commit: string;
  readonly notices: readonly string[];
  readonly warnings: readonly string[];
}

// Events whose code comes from a pull request: pull_request_target runs the base branch's workflow
// but is started by the pull request, and merge groups hold code not yet on the default branch.
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'merge_group']);

export function checkBuild(inputs: BuildInputs): CheckedBuild {
  if (inputs.push && PULL_REQUEST_EVENTS.has(inputs.eventName) && !inputs.allowPullRequestPush) {
    throw new InputError(
      `build-push does not push on ${inputs.eventName} events: an image pushed under a full-SHA tag is never rebuilt (the tag is immutable), so whoever pushes it first decides what production runs. Build without pushing (push: false) to check a pull request builds, or set allow-pull-request-push: true if this repository's pull requests and the build role are trusted.`,
    );
  }
  const { tag, isCommit, warning } = checkImageTag(
    inputs.imageTag,
    inputs.commit,
    inputs.allowNonShaTag,
    'building',
  );
  const notices =
    isCommit && tag !== inputs.commit
      ? [
          `image-tag ${tag} is not this run's commit (${inputs.commit}); building ${tag} so the tag names its source.`,
        ]
      : [];
  return {
    imageTag: tag,
    commit: isCommit ? tag : inputs.commit,
    notices,
    warnings: warning ? [warning] : [],
  };
}
