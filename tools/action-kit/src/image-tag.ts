// The image tag build-push builds and deploy-ecspresso deploys: the full commit SHA, or (only when a
// caller says so) another valid Docker tag.
import { isFullSha } from '@doppio-dev/shared';

/** A problem with what the caller passed: reported as one titled error, never as a crash. */
export class InputError extends Error {}

// Docker's tag grammar: a word character, then up to 127 word characters, dots and dashes.
const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export interface ImageTag {
  readonly tag: string;
  readonly isCommit: boolean;
  /** Said when a tag that is not a commit SHA goes ahead. */
  readonly warning: string | undefined;
}

/** `given` empty means `commit` (github.sha); anything but a full SHA needs `allowNonShaTag`. */
export function checkImageTag(
  given: string,
  commit: string,
  allowNonShaTag: boolean,
  doing: 'building' | 'deploying',
): ImageTag {
  const tag = given || commit;
  if (isFullSha(tag)) return { tag, isCommit: true, warning: undefined };
  if (!allowNonShaTag)
    throw new InputError(
      `image-tag '${tag}' is not a full 40-hex commit SHA. Leave it empty to use github.sha, pass a full commit SHA, or set allow-non-sha-tag: true.`,
    );
  if (!DOCKER_TAG.test(tag))
    throw new InputError(
      `image-tag '${tag}' is not a valid Docker tag (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-').`,
    );
  return {
    tag,
    isCommit: false,
    warning: `${doing} '${tag}', which is not a commit SHA (allow-non-sha-tag is true): it cannot be traced to a commit.`,
  };
}
