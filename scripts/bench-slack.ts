/**
 * Bench sections for Slack's 3 seconds and the Sheets API's per-minute quota (issue 10):
 * the modelled doPost answer time of every Slack path at 5,000 leads, on the typical and
 * the pessimistic latency model (test/runtime/latency.ts), and how long a burst of 60
 * form responses in 2 minutes takes to be fully messaged. The scenarios are the tests'
 * own (test/e2e/slack-paths.ts, test/e2e/form-burst.ts), so the figures are the ones the
 * tests check.
 */
import { formBurst } from '../test/e2e/form-burst';
import { SLACK_PATHS, slackPathWorld, takePath } from '../test/e2e/slack-paths';
import { PESSIMISTIC_LATENCY, TYPICAL_LATENCY } from '../test/runtime/latency';
import { SLACK_ANSWER_DEADLINE_MS } from '../test/runtime/slack/answer-deadline';
import type { TableRow } from './print-table';

const LEADS = 5_000;

/** One row per Slack path: answer time in s on each model, and whether both fit in 3 s. */
export function slackPathRows(): TableRow[] {
  const typical = slackPathWorld(TYPICAL_LATENCY, LEADS);
  const pessimistic = slackPathWorld(PESSIMISTIC_LATENCY, LEADS);
  return SLACK_PATHS.map((path) => {
    const t = takePath(typical, path);
    const p = takePath(pessimistic, path);
    return {
      path,
      'typical s': (t / 1000).toFixed(2),
      'pessimistic s': (p / 1000).toFixed(2),
      'within 3 s':
        p <= SLACK_ANSWER_DEADLINE_MS
          ? 'yes'
          : t <= SLACK_ANSWER_DEADLINE_MS
            ? 'typical only'
            : 'no',
    };
  });
}

/** Outbox sizes the busy-outbox rows measure: finished messages the archive still keeps. */
export const BUSY_OUTBOX_ROWS = [0, 1_500, 3_000, 6_000, 9_000, 12_000] as const;

/**
 * The click and the manager's Take at 5,000 leads on the pessimistic model, with
 * slack_outbox holding that many finished messages: both paths read its lead_id column
 * (then only the lead's rows), so their answer time grows by 0.031 ms a row.
 */
export function busyOutboxRows(): TableRow[] {
  return BUSY_OUTBOX_ROWS.map((rows) => {
    const answer = (path: 'click' | 'manager Take'): number =>
      takePath(slackPathWorld(PESSIMISTIC_LATENCY, LEADS, rows), path);
    const click = answer('click');
    const take = answer('manager Take');
    return {
      'outbox rows': rows,
      'click s': (click / 1000).toFixed(2),
      'manager Take s': (take / 1000).toFixed(2),
      'within 3 s': Math.max(click, take) <= SLACK_ANSWER_DEADLINE_MS ? 'yes' : 'no',
    };
  });
}

/** The burst with 1- and 5-minute checks, without latency and on the typical model. */
export function burstRows(): TableRow[] {
  const rows: TableRow[] = [];
  for (const every of [1, 5])
    for (const [model, latency] of [
      ['none', undefined],
      ['typical', TYPICAL_LATENCY],
    ] as const) {
      const b = formBurst(every, { latency });
      rows.push({
        checks: `every ${every} min`,
        latency: model,
        leads: b.w.leads().length,
        messaged: b.delivered.length,
        'all messaged after (min)': (b.recoveryMs / 60_000).toFixed(1),
        'longest wait (min)': (b.worstMs / 60_000).toFixed(1),
      });
    }
  return rows;
}

export { LEADS as SLACK_PATH_LEADS };
