/**
 * A burst of form responses against the Sheets API's per-minute quota: 60 responses in
 * 2 minutes (one every 2 s), then the sweep's trigger for 15 minutes. Shared by
 * quotas.test.ts and `npm run bench` (the burst's recovery time).
 */
import type { LatencyModel } from '../runtime';
import type { RecordedRequest } from '../runtime/slack';
import { World } from './world';

export interface FormBurst {
  w: World;
  names: string[];
  /** When each response was sent (epoch ms), by name. */
  submittedAt(name: string): number;
  /** Each lead's message as Slack accepted it (status 200). */
  delivered: RecordedRequest[];
  /** From the first response to the last message accepted, ms. */
  recoveryMs: number;
  /** The longest wait of one response for its message, ms. */
  worstMs: number;
}

export function formBurst(
  everyMinutes: number,
  options: { responses?: number; gapMs?: number; latency?: LatencyModel } = {},
): FormBurst {
  const responses = options.responses ?? 60;
  const gapMs = options.gapMs ?? 2_000;
  const w = new World({
    latency: options.latency,
    settings: { sla_check_every_minutes: everyMinutes },
  });
  w.rt.run('setup'); // installs the sweep at that interval
  w.rt.clock.advanceMinutes(2);
  const start = w.rt.clock.now();
  const names = Array.from(
    { length: responses },
    (_, i) => `Lead ${String(i + 1).padStart(2, '0')}`,
  );
  // The runtime runs executions one at a time, so a response whose intake starts while
  // an earlier one still waits on the quota starts late: lateness counts against it.
  names.forEach((name, i) => {
    const at = start + i * gapMs;
    if (w.rt.clock.now() < at) w.rt.clock.set(at);
    w.rt.fireFormSubmit({ Name: name, Phone: `0812-5550-${String(1000 + i)}` });
    w.rt.fireDueTriggers();
  });
  const horizon = start + 15 * 60_000;
  while (w.rt.clock.now() < horizon) {
    w.rt.clock.set(Math.min(horizon, w.rt.clock.now() + 60_000));
    w.rt.fireDueTriggers();
  }
  const submittedAt = (name: string): number => start + names.indexOf(name) * gapMs;
  const delivered = w.rt.slack.requests.filter(
    (r) => r.method === 'chat.postMessage' && r.status === 200,
  );
  let worstMs = 0;
  for (const lead of w.leads()) {
    const sent = delivered.find((r) => String(r.body.text).includes(String(lead.lead_id)));
    worstMs = Math.max(worstMs, sent ? sent.atMs - submittedAt(String(lead.name)) : Infinity);
  }
  const last = Math.max(...delivered.map((r) => r.atMs));
  return { w, names, submittedAt, delivered, recoveryMs: last - start, worstMs };
}
