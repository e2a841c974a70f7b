/**
 * The spreadsheets of the runtime's Drive: the bound one and every file a script made
 * with SpreadsheetApp.create. Each is its own BookModel (so each has its own
 * 10,000,000-cell limit) behind its own Ctx; SpreadsheetApp.openById and the advanced
 * Sheets service find them by id. Access follows the file's sharing: the account that
 * created a file owns it, and another account may open it only when listed as an editor.
 */
import type { RuntimeDeps } from '../deps';
import type { Ctx } from './context';
import { Meter } from './meter';
import { BookModel, DEFAULT_COLUMNS, DEFAULT_ROWS } from './model';

/** Ids of created files: Drive ids are 44 characters of [A-Za-z0-9_-]; these are too. */
function fileId(n: number): string {
  return `1LocalRuntimeCreatedSpreadsheet${String(n).padStart(13, '0')}`;
}

export class SpreadsheetFiles {
  private readonly byId = new Map<string, Ctx>();
  private made = 0;

  constructor(
    private readonly deps: RuntimeDeps,
    /** The bound spreadsheet's context (always accessible to the script's users). */
    readonly bound: Ctx,
  ) {
    this.byId.set(bound.model.id, bound);
  }

  /**
   * A new file with one sheet 'Sheet1' of `rows` × `columns`, owned by the account
   * running (or '' outside an execution). Throws like any grid past the cell limit.
   */
  create(name: string, rows = DEFAULT_ROWS, columns = DEFAULT_COLUMNS): Ctx {
    this.made += 1;
    const model = new BookModel(fileId(this.made), name, this.deps.timeZone);
    model.addSheet('Sheet1', 0, rows, columns);
    model.owner = this.deps.currentUserEmail?.() || null;
    const ctx: Ctx = {
      deps: this.deps,
      meter: new Meter(this.deps),
      model,
      ui: { ...this.bound.ui, menus: [], alerts: [], toasts: [], sidebars: [] },
    };
    this.byId.set(model.id, ctx);
    return ctx;
  }

  /** The file with this id, or undefined when there is none. */
  find(id: string): Ctx | undefined {
    return this.byId.get(String(id));
  }

  /**
   * Whether the running account may open the file: the bound spreadsheet always (the
   * script runs from it), another file only for its owner and its editors. Outside an
   * execution (a test's own calls) everything is open.
   */
  mayOpen(ctx: Ctx): boolean {
    if (ctx === this.bound) return true;
    const me = (this.deps.currentUserEmail?.() ?? '').toLowerCase();
    if (!me) return true;
    const { owner, editors } = ctx.model;
    return [owner ?? '', ...editors].some((e) => e !== '' && e.toLowerCase() === me);
  }

  /** Every file's context, the bound one first, then in order of creation. */
  all(): Ctx[] {
    return [...this.byId.values()];
  }
}
