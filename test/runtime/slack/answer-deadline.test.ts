/**
 * Slack's 3-second deadline for the web app's answer (answer-deadline.ts for the
 * sources: Slack's interactivity and slash-command docs, "3000 milliseconds", the
 * person sees operation_timeout, no retry documented for interactivity) and the latency
 * model's per-execution and web-app costs (latency.ts).
 */
import { APPS_SCRIPT_COSTS, APPS_SCRIPT_PESSIMISTIC } from '../../../scripts/bench-model';
import { PESSIMISTIC_LATENCY, TYPICAL_LATENCY } from '../latency';
import { runtimeWith } from '../services/test-bundle';
import { OPERATION_TIMEOUT, SLACK_ANSWER_DEADLINE_MS } from './answer-deadline';

const bundle = `
function doPost(e) {
  Utilities.sleep(Number(e.parameter.text));
  return ContentService.createTextOutput('');
}
function noop() { return 1; }
`;
const users = [{ id: 'UREP00001', name: 'rep' }];
const latency = { ...PESSIMISTIC_LATENCY };

function typed(rt: ReturnType<typeof runtimeWith>, sleepMs: number) {
  const event = rt.slack.slashCommandEvent({
    userId: 'UREP00001',
    command: '/leads',
    text: String(sleepMs),
  });
  rt.run('doPost', event);
  return rt.executions[rt.executions.length - 1];
}

describe("Slack's 3-second deadline for doPost", () => {
  test('the deadline is 3000 ms and the error operation_timeout', () => {
    expect(SLACK_ANSWER_DEADLINE_MS).toBe(3000);
    expect(OPERATION_TIMEOUT).toBe('operation_timeout');
  });

  test('an answer inside 3 s (execution start + run + redirect) shows no error', () => {
    const rt = runtimeWith(bundle, { users, latency });
    // 300 ms to start, 1,900 ms of work, 700 ms redirect: 2,900 ms.
    const record = typed(rt, 1_900);
    expect(record.answeredAfterMs).toBe(2_900);
    expect(rt.slack.webAppTimeouts).toEqual([]);
  });

  test('an answer after 3 s: the person sees operation_timeout, and Slack does not retry', () => {
    const rt = runtimeWith(bundle, { users, latency });
    const record = typed(rt, 2_001);
    expect(record.answeredAfterMs).toBe(3_001);
    expect(rt.slack.webAppTimeouts).toEqual([
      {
        userId: 'UREP00001',
        kind: 'slash_command',
        error: OPERATION_TIMEOUT,
        answeredAfterMs: 3_001,
      },
    ]);
    // Nothing re-sent the request: one doPost execution.
    expect(rt.executions.filter((x) => x.entry === 'doPost')).toHaveLength(1);
  });

  test('a doPost that Slack did not send (a test calling it directly) is not judged', () => {
    const rt = runtimeWith(bundle, { users, latency });
    rt.run('doPost', { parameter: { text: '5000' } });
    expect(rt.slack.webAppTimeouts).toEqual([]);
  });

  test('without a latency model only the run itself counts', () => {
    const rt = runtimeWith(bundle, { users });
    expect(typed(rt, 3_000).answeredAfterMs).toBe(3_000);
    expect(rt.slack.webAppTimeouts).toEqual([]);
  });
});

describe('the latency model', () => {
  test('every execution pays its start-up cost; triggers and editor runs too', () => {
    const rt = runtimeWith(bundle, { latency });
    rt.run('noop');
    const record = rt.executions[0];
    expect(record.endedMs - record.startedMs).toBe(PESSIMISTIC_LATENCY.perExecutionMs);
  });

  test("the bench's cost model is the runtime's latency model, not a copy", () => {
    expect(APPS_SCRIPT_COSTS).toBe(TYPICAL_LATENCY);
    expect(APPS_SCRIPT_PESSIMISTIC).toBe(PESSIMISTIC_LATENCY);
  });

  test('the pessimistic model is at least as slow as the typical one in every figure', () => {
    for (const key of Object.keys(TYPICAL_LATENCY) as Array<keyof typeof TYPICAL_LATENCY>)
      expect(PESSIMISTIC_LATENCY[key]).toBeGreaterThanOrEqual(TYPICAL_LATENCY[key]);
  });
});
