/**
 * The yearly archive through dist/Code.js: each night, after closed leads move to
 * lead_archive, rows older than yearly_archive_after_days leave the live spreadsheet
 * for the archive spreadsheet of their year, which the script creates on first need
 * and links (Script Property YEARLY_ARCHIVES, and Check set-up). Nothing is lost or
 * copied twice, what the engine still needs stays, and the live spreadsheet stops
 * growing with lifetime leads.
 */
import type { FakeBook } from '../runtime';
import { World } from './world';

const DAY = 24 * 60;

function leads(w: World, n: number, tag = 'Lead'): string[] {
  return Array.from({ length: n }, (_, i) =>
    w.submit({
      Name: `${tag} ${i}`,
      Phone: `0812-3456-7${String(i).padStart(3, '0')}`,
      Email: `${tag.toLowerCase()}${i}@example.com`,
    })!,
  );
}

/** Rows of one sheet of a book as objects keyed by header. */
function rowsOf(book: FakeBook, sheet: string): Array<Record<string, unknown>> {
  if (!book.hasSheet(sheet)) return [];
  const [header, ...rows] = book.sheet(sheet).rows();
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

function gridCells(book: FakeBook): number {
  return book
    .sheetNames()
    .reduce((n, s) => n + book.sheet(s).maxRows * book.sheet(s).maxColumns, 0);
}

/** Data rows (below the header) of a sheet. */
function count(book: FakeBook, sheet: string): number {
  return rowsOf(book, sheet).filter((r) => Object.values(r).some((v) => v !== '')).length;
}

describe('the yearly archive spreadsheet', () => {
  test('old log, lead_archive and form rows move to "<name> – archive <year>", created and linked on first need; the live rows of the window, open leads and unread responses stay', () => {
    const w = new World({ settings: { archive_after_days: 1, yearly_archive_after_days: 3 } });
    const ids = leads(w, 4);
    w.click(String(w.lead(ids[0]).sales_slack_id), ids[0]);
    w.click(String(w.lead(ids[1]).sales_slack_id), ids[1]);
    w.submit({ Name: '', Phone: '', Email: '' }); // blank: never a lead, so never moved
    const logBefore = w.log();
    const formBefore = count(w.rt.book, 'Form Responses 1');
    w.rt.clock.advanceMinutes(2 * DAY);
    w.rt.run('runArchive');
    expect(w.table('lead_archive').map((r) => r.lead_id)).toEqual([ids[0], ids[1]]);
    expect(w.rt.createdSpreadsheets()).toEqual([]); // nothing is 3 days old yet

    w.rt.clock.advanceMinutes(4 * DAY); // day 6: everything above is older than 3 days
    const report = w.rt.run('runArchive') as { yearly: { moved: Record<string, number> } };
    const [book] = w.rt.createdSpreadsheets();
    expect(w.rt.createdSpreadsheets()).toHaveLength(1);
    expect(book.name).toBe('Lead Routing – archive 2026');
    const linked = JSON.parse(w.rt.properties.get('YEARLY_ARCHIVES')!) as Array<{
      year: number;
      id: string;
      url: string;
    }>;
    expect(linked.map((a) => [a.year, a.id])).toEqual([[2026, book.id]]);
    // Every old log row, with its date, is in the archive and no longer live.
    const archivedLog = rowsOf(book, 'routing_log');
    expect(
      archivedLog.map((r) => [(r.at as Date).getTime(), r.lead_id, r.event, r.detail]),
    ).toEqual([
      ...logBefore.map((r) => [(r.at as Date).getTime(), r.lead_id, r.event, r.detail]),
      [w.rt.clock.now() - 4 * DAY * 60_000, '', 'ARCHIVED', expect.stringContaining('2 closed')],
    ]);
    // What is left live is tonight's own record of the move.
    expect(w.events()).toEqual(['MOVED_TO_YEARLY_ARCHIVE']);
    // The archived leads left lead_archive (their form responses left first).
    expect(rowsOf(book, 'lead_archive').map((r) => r.lead_id)).toEqual([ids[0], ids[1]]);
    expect(w.table('lead_archive')).toEqual([]);
    // The four responses that became leads moved; the blank one stays for Reprocess.
    expect(count(book, 'Form Responses 1')).toBe(4);
    expect(count(w.rt.book, 'Form Responses 1')).toBe(formBefore - 4);
    // Open leads stay in lead_sheet however old.
    expect(w.leadIds()).toEqual([ids[2], ids[3]]);
    expect(report.yearly.moved).toEqual({
      'Form Responses 1': 4,
      lead_archive: 2,
      routing_log: logBefore.length + 1, // and the first night's ARCHIVED row
    });
    // Reprocess takes in nothing again: the moved responses are gone, their leads known.
    const reprocessed = w.rt.run('reprocessFormResponses') as { created: string[] };
    expect(reprocessed.created).toEqual([]);
    // Check set-up links the archive.
    const lines = w.rt.run('checkSetup') as Array<{ ok: boolean; text: string }>;
    expect(lines.find((l) => l.text.includes('yearly archive'))?.text).toContain(linked[0].url);
    expect(w.rt.lockLeaks).toEqual([]);
    expect(w.rt.counters.unlockedWrites).toEqual([]);
    expect(w.rt.unflushedLockReleases).toEqual([]);
  });

  test('a night that dies after copying and before deleting loses nothing, and the next night copies nothing twice', () => {
    const w = new World({ settings: { archive_after_days: 1, yearly_archive_after_days: 3 } });
    leads(w, 3);
    const old = w.log().length;
    w.rt.clock.advanceMinutes(5 * DAY);
    // The live spreadsheet's row deletion fails once, after every copy was appended.
    const api = w.rt.sheetsApi.Spreadsheets;
    const real = api.batchUpdate;
    let failures = 0;
    api.batchUpdate = (resource, id) => {
      if (id === w.rt.book.id && failures === 0) {
        failures++;
        throw new Error(
          'API call to sheets.spreadsheets.batchUpdate failed with error: Internal error encountered.',
        );
      }
      return real(resource, id);
    };
    expect(() => w.rt.run('runArchive')).toThrow('Internal error');
    const [book] = w.rt.createdSpreadsheets();
    expect(count(book, 'Form Responses 1')).toBe(3); // copied, not yet deleted
    expect(count(w.rt.book, 'Form Responses 1')).toBe(3);
    expect(w.rt.properties.get('YEARLY_ARCHIVE_PENDING')).toBeDefined();
    w.rt.clock.advanceMinutes(DAY);
    w.rt.run('runArchive');
    expect(count(book, 'Form Responses 1')).toBe(3);
    expect(count(w.rt.book, 'Form Responses 1')).toBe(0);
    expect(count(book, 'routing_log')).toBe(old);
    expect(new Set(rowsOf(book, 'routing_log').map((r) => JSON.stringify(r))).size).toBe(old);
    expect(w.rt.properties.get('YEARLY_ARCHIVE_PENDING')).toBeNull();
    expect(w.rt.createdSpreadsheets()).toHaveLength(1);
  });

  test('a night moves at most its budget of cells and the next night goes on; rows go to the archive of their own year', () => {
    const w = new World({ settings: { yearly_archive_after_days: 60 } });
    const header = w.rt.book.sheet('routing_log').rowValues(1).map(String);
    const at = header.indexOf('at');
    const detail = header.indexOf('detail');
    // 45,000 old log rows (315,000 cells, over one night's 300,000): Dec 2026 and Jan 2027.
    const rows = Array.from({ length: 45_000 }, (_, i) => {
      const row: Array<string | Date> = header.map(() => '');
      row[at] = new Date(Date.UTC(2026, 11, 20) + i * 60_000); // one a minute from 20 Dec
      row[header.indexOf('event')] = 'NOTIFIED';
      row[detail] = `row ${i}`;
      return row;
    });
    w.rt.book.sheet('routing_log').setRawRows(rows, 2);
    w.rt.clock.set(Date.UTC(2027, 4, 1));
    const first = w.rt.run('runArchive') as {
      yearly: { moved: Record<string, number>; more: boolean };
    };
    expect(first.yearly.more).toBe(true);
    expect(first.yearly.moved.routing_log).toBeLessThanOrEqual(300_000 / header.length);
    expect(first.yearly.moved.routing_log).toBeGreaterThan(40_000);
    w.rt.clock.advanceMinutes(DAY);
    const second = w.rt.run('runArchive') as { yearly: { more: boolean } };
    expect(second.yearly.more).toBe(false);
    const books = w.rt.createdSpreadsheets();
    expect(books.map((b) => b.name)).toEqual([
      'Lead Routing – archive 2026',
      'Lead Routing – archive 2027',
    ]);
    const moved = books
      .flatMap((b) => rowsOf(b, 'routing_log'))
      .filter((r) => r.event === 'NOTIFIED');
    expect(moved).toHaveLength(45_000);
    expect(new Set(moved.map((r) => r.detail)).size).toBe(45_000);
    // Rows from before midnight of 31 Dec, Jakarta time, are in 2026's archive.
    const boundary = Date.UTC(2026, 11, 31, 17); // 1 Jan 2027 00:00 in Asia/Jakarta
    for (const r of rowsOf(books[0], 'routing_log').filter((x) => x.event === 'NOTIFIED'))
      expect((r.at as Date).getTime()).toBeLessThan(boundary);
    for (const r of rowsOf(books[1], 'routing_log'))
      expect((r.at as Date).getTime()).toBeGreaterThanOrEqual(boundary);
    expect(w.log().filter((r) => r.event === 'NOTIFIED')).toEqual([]);
  });

  test('a response that no longer matches a lead (edited by hand) stays live for Reprocess, however old', () => {
    const w = new World({ settings: { archive_after_days: 1, yearly_archive_after_days: 3 } });
    const [id] = leads(w, 1);
    w.click(String(w.lead(id).sales_slack_id), id);
    w.rt.clock.advanceMinutes(2 * DAY);
    w.rt.run('runArchive');
    // An admin corrects the phone in the response row: its fingerprint no longer matches
    // any lead, so it is a response Reprocess would take in, and it must stay.
    w.rt.book.sheet('Form Responses 1').setCell('C2', '0899-1111-2222');
    w.rt.clock.advanceMinutes(5 * DAY);
    w.rt.run('runArchive');
    expect(count(w.rt.book, 'Form Responses 1')).toBe(1);
    w.rt.clock.advanceMinutes(400 * DAY);
    w.rt.run('runArchive');
    expect(count(w.rt.book, 'Form Responses 1')).toBe(1);
    expect(count(w.rt.createdSpreadsheets()[0], 'Form Responses 1')).toBe(0);
  });

  test('once the window is full, the live spreadsheet stops growing: at most 10 grid cells per further lead (counted over a week at 20 leads a day, windows of 1 and 3 days)', () => {
    const w = new World({ settings: { archive_after_days: 1, yearly_archive_after_days: 3 } });
    const all: string[] = [];
    const cells: number[] = [];
    for (let day = 0; day < 14; day++) {
      for (let i = 0; i < 20; i++) {
        w.rt.clock.advanceMinutes(20);
        const n = day * 20 + i;
        const id = w.submit({
          Name: `Lead ${n}`,
          Phone: `0813-${String(1_000_000 + n)}`,
          Email: `lead${n}@example.com`,
        })!;
        w.click(String(w.lead(id).sales_slack_id), id);
        all.push(id);
      }
      w.rt.clock.advanceMinutes(DAY - 20 * 20);
      w.rt.run('runArchive');
      cells.push(gridCells(w.rt.book));
    }
    // Days 7 to 14: 140 more leads, and the live grid grew by at most 10 cells each.
    const marginal = (cells[13] - cells[6]) / 140;
    expect(marginal).toBeLessThanOrEqual(10);
    // Every lead is in exactly one place: lead_sheet, lead_archive or a yearly archive.
    const archived = w.rt.createdSpreadsheets().flatMap((b) => rowsOf(b, 'lead_archive'));
    const places = [
      ...w.leadIds(),
      ...w.table('lead_archive').map((r) => String(r.lead_id)),
      ...archived.map((r) => String(r.lead_id)),
    ].sort();
    expect(places).toEqual([...all].sort());
    expect(archived.length).toBeGreaterThanOrEqual(180); // all but the last days
  });
});
