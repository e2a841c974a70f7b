/**
 * What every fake object of one spreadsheet shares: the runtime deps, the meter,
 * the stored book, and the UI/toast records the test-facing `book` exposes.
 */
import type { RuntimeDeps } from '../deps';
import type { Meter } from './meter';
import type { BookModel } from './model';

/** One menu added with Ui.createMenu(...).addToUi(). */
export interface RecordedMenu {
  name: string;
  /** Items in order; a separator is { separator: true }. */
  items: (
    { caption: string; functionName: string } | { separator: true } | { subMenu: RecordedMenu }
  )[];
}

/** One Ui.alert(...) call. */
export interface RecordedAlert {
  title: string | null;
  prompt: string;
  buttons: string | null;
  /** The button the fake user pressed (book.setAlertResponse). */
  response: string;
}

/** One Spreadsheet.toast(...) call. */
export interface RecordedToast {
  message: string;
  title: string | null;
  timeoutSeconds: number | null;
}

/** One Ui.showSidebar(htmlOutput) call. */
export interface RecordedSidebar {
  title: string;
  /** The page's HTML as shown. */
  content: string;
  /** The project HTML file it came from ('' when built from a string). */
  fileName: string;
}

export interface UiState {
  available: boolean;
  sidebars: RecordedSidebar[];
  menus: RecordedMenu[];
  alerts: RecordedAlert[];
  toasts: RecordedToast[];
  /** Button name the next alerts answer with; null = OK (or YES for YES_NO sets). */
  alertResponse: string | null;
}

export interface Ctx {
  deps: RuntimeDeps;
  meter: Meter;
  model: BookModel;
  ui: UiState;
}
