// Waiting for an ECS service to become steady, within a limit given the way the workflows' inputs
// spell durations (`90s`, `10m`, `1h`; ecspresso's --timeout and GNU timeout read the same form).
import { waitUntilServicesStable, type ECSClient } from '@aws-sdk/client-ecs';

/** Seconds of a wait such as `90s`, `10m` or `1h`. */
export function parseWait(text: string, input = 'wait-timeout'): number {
  const match = /^([1-9][0-9]*)([smh])$/.exec(text);
  if (!match)
    throw new Error(`${input} must be a number with a unit s, m or h (e.g. 10m), got '${text}'`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'];
}

/** Waits until the service is stable; undefined when it is, else why not (timeout or a failure state). */
export async function waitUntilSteady(
  ecs: ECSClient,
  cluster: string,
  service: string,
  seconds: number,
): Promise<string | undefined> {
  // The SDK's 15 s first delay suits minutes-long waits; a short wait polls sooner.
  const minDelay = Math.min(15, Math.max(1, Math.floor(seconds / 4)));
  try {
    await waitUntilServicesStable(
      {
        client: ecs,
        maxWaitTime: seconds,
        minDelay,
        maxDelay: Math.max(minDelay, Math.min(120, seconds)),
      },
      { cluster, services: [service] },
    );
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
  }
}
