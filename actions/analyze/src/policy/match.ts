import type { HealingPolicy } from './types.js';

/**
 * The policy for an event type: the exact one, else the wildcard with the longest prefix (`runtime.probe.*`
 * before `runtime.*`). Wildcards match below their prefix only: `runtime.*` covers `runtime.crash_loop`, not
 * `runtime` itself.
 */
export function findPolicy(eventType: string, policies: readonly HealingPolicy[]): HealingPolicy | undefined {
  const exact = policies.find((p) => p.event_type === eventType);
  if (exact) return exact;
  let best: HealingPolicy | undefined;
  for (const policy of policies) {
    if (!policy.event_type.endsWith('.*')) continue;
    const prefix = policy.event_type.slice(0, -1); // keeps the dot: "runtime."
    if (eventType.startsWith(prefix) && (!best || prefix.length > best.event_type.length - 1)) best = policy;
  }
  return best;
}
