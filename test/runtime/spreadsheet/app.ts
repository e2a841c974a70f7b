/**
 * The SpreadsheetApp global: entry to the bound spreadsheet, the Ui, the
 * data-validation builder (uncounted) and the enums the project uses.
 */
import type { Ctx } from './context';
import { DataValidationCriteria, FakeDataValidationBuilder } from './data-validation';
import { appsScriptException, MESSAGES } from './errors';
import type { SpreadsheetFiles } from './files';
import { SizeLimitError, MAX_CELLS_PER_SPREADSHEET, CELL_LIMIT_MESSAGE } from './model';
import { FakeSpreadsheet, spreadsheetUrl } from './spreadsheet';
import { FakeUi } from './ui';

/**
 * openById's message for an id that names no spreadsheet. The reference
 * (developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openById(String))
 * documents no error; this is the text Apps Script is commonly seen to throw.
 */
export const OPEN_BY_ID_UNKNOWN =
  'Unexpected error while getting the method or property openById on object SpreadsheetApp.';
/**
 * openById's message for a file the account may not open (the reference is silent; the
 * text Apps Script is commonly seen to throw for a file not shared with the user).
 */
export const OPEN_BY_ID_NO_ACCESS = 'You do not have permission to access the requested document.';

export class FakeSpreadsheetApp {
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' } as const;
  readonly BorderStyle = {
    SOLID: 'SOLID',
    DOTTED: 'DOTTED',
    DASHED: 'DASHED',
    SOLID_MEDIUM: 'SOLID_MEDIUM',
    SOLID_THICK: 'SOLID_THICK',
    DOUBLE: 'DOUBLE',
  } as const;

  constructor(
    private readonly ctx: Ctx,
    /** Every spreadsheet of the runtime's Drive (absent: only the bound one exists). */
    private readonly files?: SpreadsheetFiles,
  ) {}

  /**
   * create(name) and create(name, rows, columns): "Creates a new spreadsheet with the given
   * name" / "… and the specified number of rows and columns"
   * (reference/spreadsheet/spreadsheet-app#create(String)). The new file has one sheet,
   * 'Sheet1', 1000 × 26 by default (what Sheets gives a new spreadsheet), is owned by the
   * account running, and has its own 10,000,000-cell limit. The reference is silent on
   * bad sizes; we refuse anything but whole numbers from 1 (the harder reading).
   */
  create(name: string, rows?: number, columns?: number): FakeSpreadsheet {
    return this.ctx.meter.simple(() => {
      if (!this.files) throw appsScriptException('SpreadsheetApp.create is not modelled here.');
      const sized = rows !== undefined || columns !== undefined;
      if (
        sized &&
        !(Number.isInteger(rows) && Number.isInteger(columns) && rows! >= 1 && columns! >= 1)
      )
        throw appsScriptException(
          `Invalid argument: ${rows! < 1 || !Number.isInteger(rows) ? 'rows' : 'columns'}`,
        );
      if (sized && rows! * columns! > MAX_CELLS_PER_SPREADSHEET)
        throw new SizeLimitError(CELL_LIMIT_MESSAGE);
      return new FakeSpreadsheet(this.files.create(String(name), rows, columns));
    });
  }

  getActive(): FakeSpreadsheet {
    return this.ctx.meter.simple(() => new FakeSpreadsheet(this.ctx));
  }

  getActiveSpreadsheet(): FakeSpreadsheet {
    return this.ctx.meter.simple(() => new FakeSpreadsheet(this.ctx));
  }

  /**
   * The bound spreadsheet or a file made with create(); any other id fails like an
   * unknown document, and a file the running account may not open (it was not shared
   * with it) fails with the permission message.
   */
  openById(id: string): FakeSpreadsheet {
    return this.ctx.meter.simple(() => {
      const target = String(id) === this.ctx.model.id ? this.ctx : this.files?.find(String(id));
      if (!target) throw appsScriptException(OPEN_BY_ID_UNKNOWN);
      if (this.files && !this.files.mayOpen(target))
        throw appsScriptException(OPEN_BY_ID_NO_ACCESS);
      return new FakeSpreadsheet(target);
    });
  }

  openByUrl(url: string): FakeSpreadsheet {
    return this.ctx.meter.simple(() => {
      if (!String(url).startsWith(spreadsheetUrl(this.ctx.model.id).replace(/\/edit$/, '')))
        throw appsScriptException(
          'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
        );
      return new FakeSpreadsheet(this.ctx);
    });
  }

  /**
   * Writes are applied immediately here, so flush costs its round trip and marks this
   * execution's SpreadsheetApp writes as applied (the flush tracker).
   */
  flush(): void {
    this.ctx.meter.simple(() => undefined);
    this.ctx.deps.flushes?.flushed();
  }

  /** Throws in trigger and web-app executions (book.setUiAvailable(false)). */
  getUi(): FakeUi {
    return this.ctx.meter.simple(() => {
      if (!this.ctx.ui.available) throw appsScriptException(MESSAGES.noUi);
      return new FakeUi(this.ctx);
    });
  }

  /** A builder: local, not a round trip. */
  newDataValidation(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder();
  }

  toString(): string {
    return 'SpreadsheetApp';
  }
}
