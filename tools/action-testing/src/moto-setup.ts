// vitest globalSetup of the packages whose tests run against moto (see vitest.shared.ts): moto is
// there, or installed, before any test starts, so no test's timeout pays for the install.
import { ensureMotoServer } from './moto-install.js';

export default function setup(): void {
  ensureMotoServer();
}
