/**
 * The SpreadsheetApp global: entry to the bound spreadsheet, the Ui, the
 * data-validation builder (uncounted) and the enums the project uses.
 */
import type { Ctx } from './context';
import { DataValidationCriteria, FakeDataValidationBuilder } from './data-validation';
import { appsScriptException, MESSAGES } from './errors';
import { FakeSpreadsheet, spreadsheetUrl } from './spreadsheet';
import { FakeUi } from './ui';

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

  constructor(private readonly ctx: Ctx) {}

  getActive(): FakeSpreadsheet {
    return this.ctx.meter.simple(() => new FakeSpreadsheet(this.ctx));
  }

  getActiveSpreadsheet(): FakeSpreadsheet {
    return this.ctx.meter.simple(() => new FakeSpreadsheet(this.ctx));
  }

  /** Only this runtime's spreadsheet exists; any other id fails like an unknown document. */
  openById(id: string): FakeSpreadsheet {
    return this.ctx.meter.simple(() => {
      if (id !== this.ctx.model.id)
        throw appsScriptException(
          'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
        );
      return new FakeSpreadsheet(this.ctx);
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
