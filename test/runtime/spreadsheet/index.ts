/**
 * Spreadsheet fakes of the local Apps Script runtime: SpreadsheetApp, the advanced
 * Sheets service, and the test-facing `book`, all over one stored spreadsheet.
 * The runtime assembler installs SpreadsheetApp and Sheets as globals of the vm
 * context the bundle runs in; tests and the demo use `book`.
 */
import type { RuntimeDeps } from '../deps';
import { FakeSpreadsheetApp } from './app';
import { FakeBook } from './book';
import type { Ctx } from './context';
import { Meter } from './meter';
import { BookModel } from './model';
import { FakeSheetsService } from './sheets-api';
import { SpreadsheetFiles } from './files';

export { FakeBook, FakeSheetHandle } from './book';
export type { RecordedAlert, RecordedMenu, RecordedSidebar, RecordedToast } from './context';
export type { RecordedChart } from './charts';
export { ChartsEnums } from './charts';
export type { FormSubmitEvent, LinkFormOptions } from './form';
export type { Cell, CellValue, ValidationSpec } from './model';
export { FORMULA_PLACEHOLDER } from './model';
export { GoogleJsonResponseException } from './errors';
export { FakeSpreadsheetApp } from './app';
export { FakeSheetsService } from './sheets-api';
export { SpreadsheetFiles } from './files';
export { OPEN_BY_ID_NO_ACCESS, OPEN_BY_ID_UNKNOWN } from './app';

export interface SpreadsheetServices {
  /** The SpreadsheetApp global (bundle-facing, counted). */
  SpreadsheetApp: FakeSpreadsheetApp;
  /** The advanced Sheets service global (bundle-facing, counted). */
  Sheets: FakeSheetsService;
  /** Test-facing handle: set up and inspect the spreadsheet; not counted, not lock-checked. */
  book: FakeBook;
  /** Every spreadsheet of the runtime's Drive (the bound one and those made with create). */
  files: SpreadsheetFiles;
}

/**
 * Creates one spreadsheet (a single empty 'Sheet1', time zone deps.timeZone) and the
 * services over it.
 */
export function createSpreadsheetServices(
  deps: RuntimeDeps,
  options: { name?: string; id?: string } = {},
): SpreadsheetServices {
  const model = new BookModel(
    options.id ?? '1LeadRoutingFakeSpreadsheetId0000000000000',
    options.name ?? 'Lead Routing',
    deps.timeZone,
  );
  model.addSheet('Sheet1');
  const ctx: Ctx = {
    deps,
    meter: new Meter(deps),
    model,
    ui: {
      available: true,
      menus: [],
      alerts: [],
      toasts: [],
      sidebars: [],
      alertResponse: null,
    },
  };
  const files = new SpreadsheetFiles(deps, ctx);
  return {
    SpreadsheetApp: new FakeSpreadsheetApp(ctx, files),
    Sheets: new FakeSheetsService(ctx, files),
    book: new FakeBook(ctx),
    files,
  };
}
