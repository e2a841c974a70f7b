/**
 * The hand-over commit pass_lead and the manager's actions share (app/hand-over.ts),
 * over the in-memory workbook: written when the lead is as read, dropped when it changed.
 */
import { changedAnswer, commitHandOver, type HandOver } from '../../src/app/hand-over';
import { logEntry } from '../../src/domain/lead';
import { assignmentPatch } from '../../src/domain/routing';
import { textsFor } from '../../src/domain/texts';
import { lead } from '../domain/fixtures';
import { fakeWorld, rep, T0 } from '../fakes/services';

function handOverOf(w: ReturnType<typeof fakeWorld>): HandOver {
  const read = { ...w.workbook.lead('L-1') };
  return {
    lead: read,
    patch: assignmentPatch(read, rep({ slackId: 'UBIMA', name: 'Bima' }), T0),
    log: logEntry(T0, 'PASSED', { leadId: 'L-1', fromSlackId: 'UAYU', toSlackId: 'UBIMA' }),
    newOutbox: [],
    follow: { log: [], outboxPatches: [] },
    clicked: undefined,
  };
}

describe('commitHandOver', () => {
  test('the lead as read: its patch and its row are written in one commit', () => {
    const w = fakeWorld();
    w.workbook.leadRows = [lead({ leadId: 'L-1', salesSlackId: 'UAYU', routeCount: 1 })];
    const written = w.lock.withLock(1000, () => commitHandOver(w.workbook, handOverOf(w)));
    expect(written).toBe(true);
    expect(w.workbook.lead('L-1')).toMatchObject({ salesSlackId: 'UBIMA', routeCount: 2 });
    expect(w.workbook.events('L-1')).toEqual(['PASSED']);
    expect(w.workbook.calls.commit).toBe(1);
  });

  test('the lead changed since it was read: nothing of the hand-over is written', () => {
    const w = fakeWorld();
    w.workbook.leadRows = [lead({ leadId: 'L-1', salesSlackId: 'UAYU', routeCount: 1 })];
    const handOver = handOverOf(w);
    w.workbook.editLead('L-1', { stage: 'CONTACTED' });
    const written = w.lock.withLock(1000, () => commitHandOver(w.workbook, handOver));
    expect(written).toBe(false);
    expect(w.workbook.lead('L-1')).toMatchObject({ salesSlackId: 'UAYU', routeCount: 1 });
    expect(w.workbook.events('L-1')).toEqual([]);
    expect(changedAnswer('L-1', textsFor('en'))).toMatchObject({
      answer: { outcome: 'CHANGED', body: { response_type: 'ephemeral' } },
      toSend: [],
    });
  });
});
