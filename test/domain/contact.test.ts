import { decideContact } from '../../src/domain/contact';
import { lead } from './fixtures';

const owned = lead({ salesSlackId: 'UA2', assignedSales: 'Sari', routeHistory: ['UA1', 'UA2'] });

describe('who may mark a lead CONTACTED', () => {
  test('the current owner of a NEW lead may', () => {
    expect(decideContact(owned, 'UA2')).toEqual({ ok: true });
  });
  test('someone who never held it is told whose it is', () => {
    expect(decideContact(owned, 'UA9')).toEqual({
      ok: false,
      reason: 'NOT_OWNER',
      owner: 'Sari (<@UA2>)',
    });
  });
  test('a previous owner is told it was re-routed away', () => {
    expect(decideContact(owned, 'UA1')).toMatchObject({ ok: false, reason: 'REROUTED' });
  });
  test('a second click on a contacted lead is refused as already contacted', () => {
    expect(decideContact({ ...owned, stage: 'CONTACTED' }, 'UA2')).toEqual({
      ok: false,
      reason: 'ALREADY_CONTACTED',
      byOwner: true,
    });
  });
  test('a lead an admin moved on is not NEW any more', () => {
    expect(decideContact({ ...owned, stage: 'QUALIFIED' }, 'UA2')).toEqual({
      ok: false,
      reason: 'NOT_NEW',
      stage: 'QUALIFIED',
    });
  });
  test('an unknown lead', () => {
    expect(decideContact(undefined, 'UA2')).toEqual({ ok: false, reason: 'UNKNOWN_LEAD' });
  });
});
