/**
 * Issue 4, reliability: admins edit the sheets by hand at any moment. Rows are found by
 * key at write time, so a sort, an insert or a delete between the engine's read and
 * its write never puts one lead's data on another's row; only the cells the engine
 * changes are written; headers are found by name, whatever their order, spacing or
 * company; and a broken roster is reported, never routed to. All through dist/Code.js.
 */
import {
  afterNextSheetRead,
  columnLetters,
  DEFAULT_REPS,
  leadRow,
  onSlackRequest,
  outbox,
  World,
  type Row,
} from './world';

interface Known {
  name: string;
  phone: string;
}

const PEOPLE: Array<Known & { typed: string }> = [
  { name: 'Adi', typed: '0812-0000-0001', phone: '6281200000001' },
  { name: 'Budi', typed: '0812-0000-0002', phone: '6281200000002' },
  { name: 'Cici', typed: '0812-0000-0003', phone: '6281200000003' },
];

/** Three leads, one per rep (Ayu, Bima, Citra), submitted at the same time. */
function threeLeads(w: World): Map<string, Known> {
  const known = new Map<string, Known>();
  for (const p of PEOPLE)
    known.set(w.submit({ Name: p.name, Phone: p.typed })!, { name: p.name, phone: p.phone });
  return known;
}

/** Every lead row still carries its own name and phone, once each. */
function expectRowsIntact(w: World, known: Map<string, Known>): void {
  const rows = w.leads();
  for (const [id, who] of known) {
    const mine = rows.filter((r) => r.lead_id === id);
    expect(mine).toEqual([expect.objectContaining({ name: who.name, phone: who.phone })]);
    expect(rows.filter((r) => r.name === who.name)).toHaveLength(1);
  }
}

/** slack_ts of each lead is the message posted for that lead to its current owner. */
function expectMessagesOnTheRightLeads(w: World, ids: Iterable<string>): void {
  for (const id of ids) {
    const lead = w.lead(id);
    const message = w.rt.slack.dm(String(lead.sales_slack_id)).find((m) => m.ts === lead.slack_ts);
    expect({
      id,
      posted: message?.updates.length ? message.updates[0].previous.text : message?.text,
    }).toEqual({ id, posted: expect.stringContaining(`lead ${id}`) });
    expect(String(message!.text)).toContain(String(lead.name));
  }
}

/** A lead's row keyed by header as the engine reads headers: trimmed, lower case. */
function leadAsRead(w: World, leadId: string): Row {
  const rows = w
    .table('lead_sheet')
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.trim().toLowerCase(), v])));
  const found = rows.filter((r) => r.lead_id === leadId);
  expect(found).toHaveLength(1);
  return found[0];
}

function ownerAfterReroute(before: string): string {
  return { UAYU0001: 'UBIMA0002', UBIMA0002: 'UCITRA003', UCITRA003: 'UAYU0001' }[before]!;
}

describe('an admin editing lead_sheet while the engine works', () => {
  test('sorting lead_sheet between the sweep’s read and its write never writes one lead’s data on another’s row', () => {
    const w = new World();
    const known = threeLeads(w);
    const firstOwners = new Map(
      [...known.keys()].map((id) => [id, String(w.lead(id).sales_slack_id)]),
    );
    const edit = afterNextSheetRead(w, () =>
      w.rt.book.sheet('lead_sheet').sortBy('name', { ascending: false }),
    );
    w.sweepAfter(60);
    expect(edit.fired()).toBe(true);
    expect(w.leads().map((l) => l.name)).toEqual(['Cici', 'Budi', 'Adi']);
    expectRowsIntact(w, known);
    for (const [id] of known) {
      const before = firstOwners.get(id)!;
      expect(w.lead(id)).toMatchObject({
        sales_slack_id: ownerAfterReroute(before),
        route_count: 2,
        route_history: `${before} ${ownerAfterReroute(before)}`,
      });
    }
    expectMessagesOnTheRightLeads(w, known.keys());
    expect(w.rt.counters.unlockedWrites).toEqual([]);
  });

  test('inserting a row and deleting another between the sweep’s read and its write: the deleted lead is left alone, the others are updated on their own rows', () => {
    const w = new World();
    const known = threeLeads(w);
    const [adi, budi, cici] = [...known.keys()];
    const edit = afterNextSheetRead(w, () => {
      const sheet = w.rt.book.sheet('lead_sheet');
      sheet.deleteRowAt(leadRow(w, budi)!);
      sheet.insertRowAt(2, []);
    });
    w.sweepAfter(60);
    expect(edit.fired()).toBe(true);
    known.delete(budi);
    expectRowsIntact(w, known);
    expect(w.leads().map((l) => l.lead_id)).toEqual([adi, cici]);
    expect(w.lead(adi)).toMatchObject({ sales_slack_id: 'UBIMA0002', route_count: 2 });
    expect(w.lead(cici)).toMatchObject({ sales_slack_id: 'UAYU0001', route_count: 2 });
    expect(w.events(budi)).toEqual(['RECEIVED', 'ASSIGNED']);
    expect(outbox(w).filter((o) => o.lead_id === budi)).toHaveLength(1);
    expect(w.seen('UCITRA003').join('\n')).not.toContain('Budi');
    expectMessagesOnTheRightLeads(w, [adi, cici]);
  });

  test('sorting and inserting rows while an intake is sending its message: the message’s ts is written on the new lead’s row', () => {
    const w = new World();
    const known = threeLeads(w);
    const before = new Map(
      [...known.keys()].map((id) => [
        id,
        { ts: w.lead(id).slack_ts, channel: w.lead(id).slack_channel },
      ]),
    );
    onSlackRequest(w, () => {
      const sheet = w.rt.book.sheet('lead_sheet');
      sheet.sortBy('name', { ascending: false });
      sheet.insertRowAt(2, []);
      sheet.insertRowAt(4, []);
    });
    const id = w.submit({ Name: 'Dodi', Phone: '0812-0000-0004' })!;
    known.set(id, { name: 'Dodi', phone: '6281200000004' });
    expectRowsIntact(w, known);
    expect(w.lead(id).sales_slack_id).toBe('UAYU0001');
    expectMessagesOnTheRightLeads(w, known.keys());
    for (const [other, ref] of before)
      expect({ ts: w.lead(other).slack_ts, channel: w.lead(other).slack_channel }).toEqual(ref);
  });

  test('sorting lead_sheet before a sweep and between clicks changes nothing about whose lead is whose', () => {
    const w = new World();
    const known = threeLeads(w);
    const [adi, budi] = [...known.keys()];
    w.rt.book.sheet('lead_sheet').sortBy('phone', { ascending: false });
    w.click('UBIMA0002', budi);
    w.rt.book.sheet('lead_sheet').sortBy('name');
    w.sweepAfter(60);
    expectRowsIntact(w, known);
    expect(w.lead(budi)).toMatchObject({
      stage: 'CONTACTED',
      sales_slack_id: 'UBIMA0002',
      route_count: 1,
    });
    expect(w.lead(adi)).toMatchObject({
      stage: 'NEW',
      sales_slack_id: 'UBIMA0002',
      route_count: 2,
    });
  });

  test('the sweep writes only the cells it changes: an admin’s note in an extra column and a stage set to QUALIFIED meanwhile both survive', () => {
    const w = new World();
    const known = threeLeads(w);
    const [adi, budi, cici] = [...known.keys()];
    const sheet = w.rt.book.sheet('lead_sheet');
    const width = sheet.rows()[0].length;
    const notes = columnLetters(width + 1);
    sheet.setCell(`${notes}1`, 'notes');
    sheet.setCell(`${notes}${leadRow(w, adi)}`, 'asked for a call after lunch');
    const stage = (id: string): string =>
      `${columnLetters(sheet.rows()[0].indexOf('stage') + 1)}${leadRow(w, id)}`;
    afterNextSheetRead(w, () => {
      sheet.setCell(`${notes}${leadRow(w, adi)}`, 'asked for a call after lunch; prefers WhatsApp');
      sheet.setCell(stage(budi), 'QUALIFIED');
      sheet.setCell(stage(cici), 'QUALIFIED');
    });
    w.sweepAfter(60);
    expect(w.lead(adi)).toMatchObject({
      stage: 'NEW',
      sales_slack_id: 'UBIMA0002',
      route_count: 2,
      notes: 'asked for a call after lunch; prefers WhatsApp',
    });
    expect(w.lead(budi)).toMatchObject({
      stage: 'QUALIFIED',
      sales_slack_id: 'UBIMA0002',
      route_count: 1,
      notes: '',
    });
    expect(w.lead(cici)).toMatchObject({
      stage: 'QUALIFIED',
      sales_slack_id: 'UCITRA003',
      route_count: 1,
      notes: '',
    });
    expect(w.events(budi)).toEqual(['RECEIVED', 'ASSIGNED']);
    expect(w.events(cici)).toEqual(['RECEIVED', 'ASSIGNED']);
    expect(w.seen('UCITRA003').join('\n')).not.toContain('Budi');
    expect(w.seen('UAYU0001').join('\n')).not.toContain('Cici');
    expectRowsIntact(w, known);
  });
});

describe('sheets laid out as admins leave them', () => {
  test('columns reordered, extra columns, blank rows and spaces around headers are all understood', () => {
    const w = new World();
    const known = new Map<string, Known>();
    known.set(w.submit({ Name: 'Adi', Phone: '0812-0000-0001' })!, {
      name: 'Adi',
      phone: '6281200000001',
    });
    known.set(w.submit({ Name: 'Budi', Phone: '0812-0000-0002' })!, {
      name: 'Budi',
      phone: '6281200000002',
    });

    // lead_sheet: columns in reverse order, a notes column in the middle, spaced / capitalised headers, a blank row.
    const leads = w.rt.book.sheet('lead_sheet');
    const [header, ...rows] = leads.rows();
    const order = header.map((_, i) => header.length - 1 - i);
    const middle = Math.floor(order.length / 2);
    const spaced = (h: unknown): string =>
      (
        ({
          lead_id: ' Lead_ID ',
          stage: 'stage  ',
          sales_slack_id: ' sales_slack_id',
          phone: 'PHONE ',
        }) as Record<string, string>
      )[String(h)] ?? String(h);
    const layout = (line: unknown[], extra: unknown): unknown[] => {
      const out = order.map((i) => line[i]);
      out.splice(middle, 0, extra);
      return out;
    };
    leads.setRawRows(
      [
        layout(header.map(spaced), 'notes'),
        ...rows.map((r, i) => layout(r, `note ${i + 1}`)),
      ] as Array<Array<string | number | boolean | Date>>,
      1,
    );
    leads.insertRowAt(3, []);
    w.rt.run('setup'); // an admin's Set up after the change; it keeps their order and re-applies formats by header

    // sales_sheet: columns reordered, an extra column, a blank row, spaced headers.
    const sales = w.rt.book.sheet('sales_sheet');
    for (let row = sales.rows().length; row >= 1; row--) sales.deleteRowAt(row);
    sales.setRows([
      ['notes', ' ACTIVE', 'Slack_ID ', ' name ', 'email'],
      ['team lead', true, 'UAYU0001', 'Ayu', ''],
      [],
      ['', true, 'UBIMA0002', 'Bima', ''],
      ['on leave', false, 'UCITRA003', 'Citra', ''],
    ]);

    // World.submit() finds the new lead by the exact header "lead_id"; here it is " Lead_ID ".
    const ids = (): string[] => w.table('lead_sheet').map((r) => String(r[' Lead_ID ']));
    const before = ids();
    w.submit({ Name: 'Cici', Phone: '0812-0000-0003' });
    const third = ids().find((id) => !before.includes(id))!;
    known.set(third, { name: 'Cici', phone: '6281200000003' });
    const [adi, budi] = [...known.keys()];
    expect(leadAsRead(w, third)).toMatchObject({
      name: 'Cici',
      phone: '6281200000003',
      stage: 'NEW',
      sales_slack_id: 'UAYU0001',
      route_count: 1,
      notes: '',
    });
    expect(leadRow(w, third)).toBe(3); // into the blank row, nothing overwritten
    w.sweepAfter(60);
    expect(leadAsRead(w, adi)).toMatchObject({
      name: 'Adi',
      sales_slack_id: 'UBIMA0002',
      route_count: 2,
      notes: 'note 1',
    });
    expect(leadAsRead(w, budi)).toMatchObject({
      name: 'Budi',
      sales_slack_id: 'UAYU0001',
      route_count: 2,
      notes: 'note 2',
    });
    expect(leadAsRead(w, third)).toMatchObject({
      name: 'Cici',
      sales_slack_id: 'UBIMA0002',
      route_count: 2,
      notes: '',
    });
    const adiRow = leadAsRead(w, adi);
    w.click('UBIMA0002', adi, {
      message: { channel: String(adiRow.slack_channel), ts: String(adiRow.slack_ts) },
    });
    const lead = w.table('lead_sheet').find((r) => r[' Lead_ID '] === adi) as Row;
    expect(lead).toMatchObject({
      'stage  ': 'CONTACTED',
      ' sales_slack_id': 'UBIMA0002',
      'PHONE ': '6281200000001',
      name: 'Adi',
      notes: 'note 1',
    });
    expect(lead.contacted_at).toBeInstanceOf(Date);
    expect(w.table('sales_sheet')).toEqual([
      expect.objectContaining({ notes: 'team lead', ' name ': 'Ayu' }),
      expect.objectContaining({ ' name ': 'Bima' }),
      expect.objectContaining({ notes: 'on leave', ' name ': 'Citra' }),
    ]);
    expect(w.rt.failures).toEqual([]);
  });

  test.each([
    ['ON', 'on'],
    ['TRUE typed as text', 'TRUE'],
    ['true typed as text', 'true'],
    ['yes', 'yes'],
    ['Yes with spaces', ' Yes '],
    ['a ticked checkbox', true],
  ])('a rep whose active cell is %s gets leads', (_label, active) => {
    const w = new World();
    const sales = w.rt.book.sheet('sales_sheet');
    const header = sales.rows()[0].map(String);
    for (let row = sales.rows().length; row >= 2; row--) sales.deleteRowAt(row);
    const line = (
      name: string,
      slackId: string,
      value: string | boolean,
    ): Array<string | boolean> =>
      header.map((h) => ({ name, email: '', slack_id: slackId, active: value })[h] ?? '');
    sales.setRawRows(
      [
        line('Ayu', 'UAYU0001', false),
        line('Bima', 'UBIMA0002', active),
        line('Citra', 'UCITRA003', 'off'),
      ],
      2,
    );
    const owners = ['A', 'B'].map(
      (n, i) => w.lead(w.submit({ Name: n, Phone: `0812-0000-000${i + 1}` })!).sales_slack_id,
    );
    expect(owners).toEqual(['UBIMA0002', 'UBIMA0002']);
  });

  test.each([
    ['an unticked checkbox', false],
    ['off', 'off'],
    ['no', 'no'],
    ['empty', ''],
  ])('a rep whose active cell is %s gets none', (_label, active) => {
    const w = new World({
      reps: [
        { name: 'Ayu', slackId: 'UAYU0001', active },
        { name: 'Bima', slackId: 'UBIMA0002' },
      ],
    });
    const owners = ['A', 'B'].map(
      (n, i) => w.lead(w.submit({ Name: n, Phone: `0812-0000-000${i + 1}` })!).sales_slack_id,
    );
    expect(owners).toEqual(['UBIMA0002', 'UBIMA0002']);
  });

  test.each([
    ['sales_sheet', 'slack_id'],
    ['sales_sheet', 'active'],
    ['lead_sheet', 'stage'],
    ['lead_sheet', 'lead_id'],
    ['slack_outbox', 'status'],
  ])(
    'a missing %s header "%s" stops intake and sweep (and clicks, when it is a lead_sheet header) with a message naming the sheet and the header, and changes nothing',
    (sheetName, header) => {
      const w = new World();
      const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
      const sheet = w.rt.book.sheet(sheetName);
      const column = sheet.rows()[0].map(String).indexOf(header);
      sheet.setCell(`${columnLetters(column + 1)}1`, `${header}_renamed`);
      const message = `Sheet "${sheetName}" has no column "${header}"`;
      const snapshot = ['lead_sheet', 'routing_log', 'routing_state_sheet', 'slack_outbox'].map(
        (name) => JSON.stringify(w.rt.book.sheet(name).rows()),
      );

      expect(() => w.submit({ Name: 'Sari', Phone: '0813-1111-2222' })).toThrow(message);
      w.rt.clock.advanceMinutes(60);
      expect(() => w.rt.run('runSlaSweep')).toThrow(message);
      const ref = w.rt.slack.dm('UAYU0001')[0];
      w.click('UAYU0001', id, { message: { channel: ref.channel, ts: ref.ts } });
      // A click reads only lead_sheet (it must answer Slack within 3 s), so only a missing
      // lead_sheet header stops it; with another sheet damaged it still works.
      if (sheetName === 'lead_sheet')
        expect(w.rt.logText()).toContain(`doPost failed: RoutingError: ${message}`);
      else {
        expect(w.lead(id).stage).toBe('CONTACTED');
        return;
      }
      expect(
        ['lead_sheet', 'routing_log', 'routing_state_sheet', 'slack_outbox'].map((name) =>
          JSON.stringify(w.rt.book.sheet(name).rows()),
        ),
      ).toEqual(snapshot);
      expect(w.rt.counters.unlockedWrites).toEqual([]);
    },
  );
});

describe('blank rows an admin leaves in the engine’s own sheets', () => {
  test('after an admin empties a row of slack_outbox, a message waiting for its retry is still delivered to its rep', () => {
    const inactive = DEFAULT_REPS.map((r) => ({ ...r, active: false }));
    const w = new World({ settings: { sla_minutes: 1440 } });
    w.submit({ Name: 'Adi', Phone: '0812-0000-0001' }); // Ayu, delivered
    w.rt.slack.failNext(1, { error: 'invalid_auth' }, 'chat.postMessage');
    const waiting = w.submit({ Name: 'Budi', Phone: '0812-0000-0002' })!; // Bima, PENDING for an hour
    w.setReps(inactive);
    w.submit({ Name: 'Cici', Phone: '0812-0000-0003' });
    w.submit({ Name: 'Dodi', Phone: '0812-0000-0004' });
    const sheet = w.rt.book.sheet('slack_outbox');
    sheet.setRawRows([new Array<string>(sheet.rows()[0].length).fill('')], 2); // Adi's delivered message tidied away
    w.setReps(DEFAULT_REPS);
    w.sweepAfter(5); // assigns Cici and Dodi: two new outbox rows
    w.sweepAfter(60);
    w.sweepAfter(60);
    expect(w.lead(waiting)).toMatchObject({
      stage: 'NEW',
      sales_slack_id: 'UBIMA0002',
      route_count: 1,
    });
    expect(w.seen('UBIMA0002').filter((m) => m.includes(waiting))).toHaveLength(1);
    expect(
      outbox(w)
        .filter((o) => o.lead_id === waiting && o.kind === 'ASSIGNMENT')
        .map((o) => o.status),
    ).toContain('SENT');
  });
});

describe('a broken roster', () => {
  test('two reps with the same slack_id, or an empty one, are reported in routing_log and by setup, and never routed to', () => {
    const w = new World({
      reps: [
        { name: 'Ayu', slackId: 'UAYU0001' },
        { name: 'Bima', slackId: 'UAYU0001' },
        { name: 'Citra', slackId: '' },
        { name: 'Dewi', slackId: 'UDEWI0004' },
      ],
    });
    const ids = ['A', 'B', 'C'].map((n, i) =>
      w.submit({ Name: n, Phone: `0812-0000-000${i + 1}` })!,
    );
    expect(ids.map((id) => w.lead(id).sales_slack_id)).toEqual([
      'UDEWI0004',
      'UDEWI0004',
      'UDEWI0004',
    ]);
    w.sweepAfter(60);
    const problems = w.log().filter((r) => r.event === 'ROSTER_PROBLEM');
    expect(problems).toHaveLength(1);
    expect(String(problems[0].detail)).toContain('slack_id UAYU0001 appears on more than one row');
    expect(String(problems[0].detail)).toContain('Citra has no slack_id');
    for (const id of ids)
      expect(w.lead(id)).toMatchObject({
        sales_slack_id: 'UDEWI0004',
        route_history: 'UDEWI0004 UDEWI0004',
      });
    expect(w.rt.slack.dm('UAYU0001')).toEqual([]);
    const report = (w.rt.run('setup') as string[]).join('\n');
    expect(report).toContain('slack_id UAYU0001 appears on more than one row (Ayu)');
    expect(report).toContain('slack_id UAYU0001 appears on more than one row (Bima)');
    expect(report).toContain('active rep Citra has no slack_id');
    w.sweepAfter(5);
    expect(w.log().filter((r) => r.event === 'ROSTER_PROBLEM')).toHaveLength(1);
  });
});

describe('columns moved between a run’s read and its write', () => {
  test('an admin moving lead_sheet columns while the sweep decides: the sweep notices, rereads, and writes each value under its header', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.rt.clock.advanceMinutes(60);
    const edit = afterNextSheetRead(w, () => {
      // Swap the first two columns (lead_id and name), header and data, as a drag would.
      const sheet = w.rt.book.sheet('lead_sheet');
      const rows = sheet.rows();
      sheet.setRawRows(
        rows.map((r) => [r[1], r[0], ...r.slice(2)] as Array<string | number | boolean | Date>),
        1,
      );
    });
    w.rt.run('runSlaSweep');
    expect(edit.fired()).toBe(true);
    const header = w.rt.book.sheet('lead_sheet').rows()[0];
    expect(header.slice(0, 2)).toEqual(['name', 'lead_id']);
    expect(w.lead(id)).toMatchObject({ name: 'Budi', sales_slack_id: 'UBIMA0002', route_count: 2 });
    expect(w.rt.slack.dm('UBIMA0002')).toHaveLength(1);
  });
});
