/**
 * The yearly archive spreadsheets the engine made, and the moves not yet finished, in
 * Script Properties (ids and URLs only, no personal data): `YEARLY_ARCHIVES` lists every
 * archive spreadsheet (year, part, id, name, URL), so Check set-up can link them and the
 * next night finds them; `YEARLY_ARCHIVE_PENDING` records, per archive sheet, the first
 * row a move wrote whose live rows may not be deleted yet, so a move cut short (the run
 * died, or a live row changed under it) is finished the next night without copying a
 * row twice. Written only under the script lock.
 */
import type { LinkedArchive } from '../app/ports';

export const YEARLY_ARCHIVES_PROPERTY = 'YEARLY_ARCHIVES';
export const YEARLY_PENDING_PROPERTY = 'YEARLY_ARCHIVE_PENDING';

function readJson<T>(key: string, fallback: T): T {
  const raw = PropertiesService.getScriptProperties().getProperty(key);
  if (!raw) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

/** Every linked archive spreadsheet, oldest first ([] when none, or when the property is unreadable). */
export function readLinkedArchives(): LinkedArchive[] {
  const list = readJson<LinkedArchive[]>(YEARLY_ARCHIVES_PROPERTY, []);
  return Array.isArray(list) ? list.filter((a) => a && typeof a.id === 'string') : [];
}

export class YearlyArchiveLinks {
  all(): LinkedArchive[] {
    return readLinkedArchives();
  }

  /** The newest part of `year`, or undefined. */
  current(year: number): LinkedArchive | undefined {
    return this.all()
      .filter((a) => a.year === year)
      .sort((a, b) => b.part - a.part)[0];
  }

  add(archive: LinkedArchive): void {
    const list = this.all().filter((a) => a.id !== archive.id);
    list.push(archive);
    list.sort((a, b) => a.year - b.year || a.part - b.part);
    PropertiesService.getScriptProperties().setProperty(
      YEARLY_ARCHIVES_PROPERTY,
      JSON.stringify(list),
    );
  }

  /** First row of `sheet` in archive `id` that an unfinished move wrote, or undefined. */
  pending(id: string, sheet: string): number | undefined {
    const map = readJson<Record<string, number>>(YEARLY_PENDING_PROPERTY, {});
    const row = map[`${id}|${sheet}`];
    return typeof row === 'number' && row >= 2 ? row : undefined;
  }

  /** Records (or keeps the earlier of) the first row an unfinished move wrote. */
  setPending(id: string, sheet: string, fromRow: number): void {
    const map = readJson<Record<string, number>>(YEARLY_PENDING_PROPERTY, {});
    const key = `${id}|${sheet}`;
    map[key] = Math.min(map[key] ?? fromRow, fromRow);
    PropertiesService.getScriptProperties().setProperty(
      YEARLY_PENDING_PROPERTY,
      JSON.stringify(map),
    );
  }

  /** Forgets the unfinished moves into `sheet` (every live row they copied is deleted). */
  clearPending(sheet: string): void {
    const map = readJson<Record<string, number>>(YEARLY_PENDING_PROPERTY, {});
    const left = Object.fromEntries(
      Object.entries(map).filter(([key]) => !key.endsWith(`|${sheet}`)),
    );
    const props = PropertiesService.getScriptProperties();
    if (Object.keys(left).length) props.setProperty(YEARLY_PENDING_PROPERTY, JSON.stringify(left));
    else props.deleteProperty(YEARLY_PENDING_PROPERTY);
  }

  /** Forgets the unfinished move into `sheet` of archive `id` only. */
  clearPendingOf(id: string, sheet: string): void {
    const map = readJson<Record<string, number>>(YEARLY_PENDING_PROPERTY, {});
    if (!(`${id}|${sheet}` in map)) return;
    delete map[`${id}|${sheet}`];
    const props = PropertiesService.getScriptProperties();
    if (Object.keys(map).length) props.setProperty(YEARLY_PENDING_PROPERTY, JSON.stringify(map));
    else props.deleteProperty(YEARLY_PENDING_PROPERTY);
  }

  /** Sheets with an unfinished move into archive `id`. */
  pendingSheets(): Array<{ id: string; sheet: string; fromRow: number }> {
    const map = readJson<Record<string, number>>(YEARLY_PENDING_PROPERTY, {});
    return Object.entries(map).map(([key, fromRow]) => {
      const at = key.indexOf('|');
      return { id: key.slice(0, at), sheet: key.slice(at + 1), fromRow };
    });
  }
}
