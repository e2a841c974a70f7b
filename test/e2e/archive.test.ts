/**
 * The nightly archive through dist/Code.js: closed leads older than archive_after_days
 * move to lead_archive in one batch, every cell intact, and nothing else moves.
 */
import { World } from './world';

const DAY = 24 * 60;

function dayOfLeads(w: World, n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    w.submit({ Name: `Lead ${i}`, Phone: `0812-3456-7${String(i).padStart(3, '0')}` })!,
  );
}

describe('archiving closed leads', () => {
  test('closed leads untouched for archive_after_days move to lead_archive with every cell, the rest stay', () => {
    const w = new World({ settings: { archive_after_days: 30 } });
    const ids = dayOfLeads(w, 8);
    w.click('UAYU0001', ids[0]);
    w.click('UBIMA0002', ids[1]);
    w.editLead(ids[2], 'stage', 'QUALIFIED');
    w.editLead(ids[3], 'stage', 'CLOSED LOST');
    w.addLeadColumn('notes');
    w.editLead(ids[4], 'notes', 'call back in March');
    w.editLead(ids[0], 'notes', 'kept through the move');
    const before = new Map(w.leads().map((l) => [String(l.lead_id), l]));
    w.rt.clock.advanceMinutes(31 * DAY);
    w.rt.run('runArchive');
    const moved = [ids[0], ids[1], ids[2], ids[3]];
    expect(
      w
        .leads()
        .map((l) => l.lead_id)
        .sort(),
    ).toEqual(ids.filter((id) => !moved.includes(id)).sort());
    const archive = w.table('lead_archive');
    expect(archive.map((r) => r.lead_id).sort()).toEqual([...moved].sort());
    for (const row of archive) {
      const original = before.get(String(row.lead_id))!;
      for (const [header, value] of Object.entries(original))
        expect([header, row[header]]).toEqual([header, value]);
      expect((row.archived_at as Date).getTime()).toBe(w.rt.clock.now());
    }
    expect(w.events()).toContain('ARCHIVED');
    expect(w.leads().length + archive.length).toBe(8);
  });

  test('nothing moves before archive_after_days, and a NEW lead never moves however old', () => {
    const w = new World({ settings: { archive_after_days: 30 } });
    const [contacted, open] = dayOfLeads(w, 2);
    w.click('UAYU0001', contacted);
    w.rt.clock.advanceMinutes(29 * DAY);
    w.rt.run('runArchive');
    expect(w.table('lead_archive')).toEqual([]);
    w.rt.clock.advanceMinutes(400 * DAY);
    w.rt.run('runArchive');
    expect(w.table('lead_archive').map((r) => r.lead_id)).toEqual([contacted]);
    expect(w.lead(open).stage).toBe('NEW');
  });

  test('sent Slack outbox rows older than two days are dropped once their buttons are gone; pending ones stay', () => {
    const w = new World();
    const ids = dayOfLeads(w, 3);
    // A message whose button still acts is kept: it is what the sweep rewrites later.
    w.rt.clock.advanceMinutes(3 * DAY);
    w.rt.run('runArchive');
    expect(w.table('slack_outbox').map((r) => [r.status, r.button])).toEqual([
      ['SENT', 'LIVE'],
      ['SENT', 'LIVE'],
      ['SENT', 'LIVE'],
    ]);
    for (const id of ids) w.click(String(w.lead(id).sales_slack_id), id);
    w.rt.slack.setDown(true);
    w.submit({ Name: 'Sent later', Phone: '0813-0000-1111' });
    w.rt.slack.setDown(false);
    w.rt.clock.advanceMinutes(3 * DAY);
    w.rt.run('runArchive');
    const outbox = w.table('slack_outbox');
    expect(outbox.map((r) => r.status)).toEqual(['PENDING']);
  });

  test('setup installs the nightly archive trigger once', () => {
    const w = new World();
    w.rt.run('setup');
    expect(w.rt.triggers.filter((t) => t.handler === 'runArchive')).toEqual([
      expect.objectContaining({ eventType: 'CLOCK', intervalMs: DAY * 60_000 }),
    ]);
  });
});

test('an admin deleting a row at the moment rows are deleted loses no lead: a lead deleted by mistake is written back', () => {
  const w = new World();
  const ids = dayOfLeads(w, 4);
  w.click('UBIMA0002', ids[1]);
  w.rt.clock.advanceMinutes(31 * DAY);
  const api = w.rt.sheetsApi.Spreadsheets as unknown as {
    batchUpdate: (resource: { requests?: object[] }, ...args: unknown[]) => unknown;
  };
  const original = api.batchUpdate;
  api.batchUpdate = (resource, ...args) => {
    // The admin removes the first lead just before the call that deletes rows.
    if ((resource.requests ?? []).some((r) => 'deleteDimension' in r))
      w.rt.book.sheet('lead_sheet').deleteRowAt(2);
    return original(resource, ...args);
  };
  w.rt.run('runArchive');
  expect(w.leads().map((l) => l.lead_id)).toEqual(expect.arrayContaining([ids[2], ids[3]]));
  expect(w.table('lead_archive').map((r) => r.lead_id)).toEqual([ids[1]]);
  expect(
    w
      .log()
      .filter((r) => r.event === 'ERROR')
      .map((r) => r.lead_id),
  ).toContain(ids[2]);
});

test('the nightly run puts the stage dropdown back on leads written since (appended rows copy the row above)', () => {
  const w = new World();
  w.submit({ Name: 'A', Phone: '0812-0000-0001' });
  w.submit({ Name: 'B', Phone: '0812-0000-0002' });
  const stage = `${String.fromCharCode(65 + w.rt.book.sheet('lead_sheet').rows()[0].indexOf('stage'))}`;
  w.rt.run('runArchive');
  for (const row of [2, 3])
    expect(w.rt.book.sheet('lead_sheet').validation(`${stage}${row}`)).toMatchObject({
      criteriaType: 'VALUE_IN_LIST',
    });
  expect(w.rt.book.sheet('lead_sheet').numberFormat('H3')).toMatch(/yyyy/);
});
