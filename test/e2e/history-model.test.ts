/**
 * Model-based: random histories of everyday events with every guarantee checked after
 * each step (test/e2e/history-model.ts). A fixed seed here; `npm run bench` runs more.
 */
import { checkGuarantees, runHistories } from './history-model';
import { World } from './world';

test('random histories (fixed seed): one response one lead, one place per lead, one live button in the owner’s message, after every step', () => {
  runHistories({ numRuns: 6, seed: 16_2026, maxCommands: 25 });
});

test('the check fails when a guarantee is broken: a hand edit not yet seen by a sweep leaves a live button', () => {
  const w = new World();
  const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
  expect(() => checkGuarantees(w, { submitted: 1 })).not.toThrow();
  w.editLead(id, 'stage', 'QUALIFIED');
  expect(() => checkGuarantees(w, { submitted: 1 })).toThrow(/has 1 live buttons/);
  expect(() => checkGuarantees(w, { submitted: 2 })).toThrow(/lost/);
  expect(() => checkGuarantees(w, { submitted: 0 })).toThrow(/1 leads from 0 responses/);
});
