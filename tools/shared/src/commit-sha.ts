/** A full 40-hex git commit SHA (lower case, as git and GitHub write it): the only ref that
 *  cannot be moved to other code. */
export const FULL_SHA = /^[0-9a-f]{40}$/;

export function isFullSha(ref: string | undefined): boolean {
  return ref !== undefined && FULL_SHA.test(ref);
}
