/**
 * The runtime event class of an alert (`runtime.<class>`), from the alert's name and the words that come with
 * it (the `reason` label, summary, metric names, Azure condition types). Order matters: an OOM kill also makes a
 * pod restart, and a crash loop also makes it not ready, so the more specific cause is tried first.
 */
import type { RuntimeAlert } from './payload.js';

export type RuntimeClass = 'oom_killed' | 'crash_loop' | 'probe_failure' | 'high_error_rate' | 'availability' | 'alert';

const RULES: [RuntimeClass, RegExp][] = [
  ['oom_killed', /oom|out ?of ?memory/i],
  ['crash_loop', /crash ?loop|back-?off|restarting/i],
  [
    'probe_failure',
    /probe|not ?ready|unhealthy|readiness|liveness|replicas ?mismatch|(deployment|statefulset|daemonset) ?(rollout|generation|replicas)|unavailable ?replicas/i,
  ],
  ['high_error_rate', /error ?rate|errors? ?(high|budget|ratio|spike)|high ?errors?|5xx|failed ?requests|http ?5\d\d|resultcode == "5/i],
  ['availability', /availab|webtest|\bdown\b|unreachable|uptime|heartbeat/i],
];

export function runtimeClass(alert: RuntimeAlert): RuntimeClass {
  // Split CamelCase names ("KubePodCrashLooping" -> "Kube Pod Crash Looping") so word patterns match them.
  const words = alert.signals.map((s) => s.replace(/([a-z0-9])([A-Z])/g, '$1 $2')).join(' | ');
  for (const [cls, pattern] of RULES) if (pattern.test(words)) return cls;
  // Azure metric alerts that name no more specific cause are availability signals of the resource.
  if (alert.source === 'azure-monitor' && /metric|webtest/i.test(alert.signals.slice(1, 4).join(' '))) return 'availability';
  return 'alert';
}
