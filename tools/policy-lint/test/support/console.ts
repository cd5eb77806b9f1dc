// Captures what the CLI writes to stdout and stderr during each test of the calling file.
import { afterEach, beforeEach, vi } from 'vitest';

export interface Captured {
  out: string;
  err: string;
}

/** Call at the top level of a test file; read `.out` / `.err` inside the tests. */
export function captureConsole(): Captured {
  const captured: Captured = { out: '', err: '' };
  beforeEach(() => {
    captured.out = '';
    captured.err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      captured.out += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      captured.err += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return captured;
}
