export { FULL_SHA, isFullSha } from './commit-sha.js';
