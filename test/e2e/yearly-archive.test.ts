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
});
