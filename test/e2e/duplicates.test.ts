/** Returning leads through dist/Code.js: merged into an open lead, or back to their rep. */
import { World } from './world';

describe('a person who submits the form again', () => {
  test('matching an open lead: no new row, no new turn; the count goes up, a DUPLICATE row is logged and the owner is told', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.rt.clock.advanceMinutes(20);
    expect(w.submit({ Name: 'Budi S.', Phone: '+62 812 3456 7890' })).toBeUndefined();
    expect(w.leads()).toHaveLength(1);
    expect(w.lead(id)).toMatchObject({ submission_count: 2, sales_slack_id: 'UAYU0001' });
    expect((w.lead(id).last_submitted_at as Date).getTime()).toBe(w.rt.clock.now());
    expect(w.events(id)).toContain('DUPLICATE');
    expect(w.seen('UAYU0001')[1]).toContain('submitted the form again (2 times in all)');
    const next = w.submit({ Name: 'Someone else', Phone: '0813-1111-2222' })!;
    expect(w.lead(next).sales_slack_id).toBe('UBIMA0002');
  });

  test('matching a closed lead: a new lead, routed to the previous owner when they can take it', () => {
    const w = new World();
    w.submit({ Name: 'First', Phone: '0813-0000-0001' });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.editLead(id, 'stage', 'CLOSED_LOST');
    w.rt.clock.advanceMinutes(60 * 24);
    const again = w.submit({ Name: 'Budi', Phone: '0812 3456 7890' })!;
    expect(again).not.toBe(id);
    expect(w.lead(again)).toMatchObject({ sales_slack_id: 'UBIMA0002', stage: 'NEW' });
    expect(w.log().find((r) => r.lead_id === again && r.event === 'ASSIGNED')?.detail).toContain(
      'back to its previous owner',
    );
  });
});
