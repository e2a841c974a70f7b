import { World } from './world';
test('dbg', () => {
  const w = new World();
  const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
  const owner = String(w.lead(id).sales_slack_id);
  const payload = JSON.stringify({ token: 'verification-token-for-tests', type: 'block_actions', user: { id: owner }, actions: [{ action_id: 'mark_contacted', value: id }], response_url: 'https://hooks.slack.com/actions/T0001/999/not-issued' });
  w.rt.clock.advanceMs(6000);
  const out = w.rt.run('doPost', { parameter: { payload, k: 'webapp-secret-for-tests-0123' } });
  console.log(w.lead(id).stage, w.rt.failures.map(f => String(f.error)), w.rt.counters.unlockedWrites, w.events(id));
  console.log(w.rt.logs?.slice?.(-5));
});
