/**
 * The bundle-facing Spreadsheet (the file). Every method call is one counted round
 * trip; insertSheet/deleteSheet/setSpreadsheetTimeZone are writes checked against
 * the script lock.
 */
import { splitSheet } from './a1';
import type { Ctx } from './context';
import { appsScriptException, MESSAGES } from './errors';
import { FakeRange } from './range';
import { User } from '../services/session';
import {
  FakeSheet,
  nameTakenMessage,
  rangeFromA1,
  registerParentFactory,
  sheetModelOf,
} from './sheet';

export function spreadsheetUrl(id: string): string {
  return `https://docs.google.com/spreadsheets/d/${id}/edit`;
}

export class FakeSpreadsheet {
  constructor(private readonly ctx: Ctx) {}

  getId(): string {
    return this.call(() => this.ctx.model.id);
  }

  getName(): string {
    return this.call(() => this.ctx.model.name);
  }

  rename(newName: string): void {
    this.ctx.meter.write(`rename spreadsheet`, () => {
      this.ctx.model.name = String(newName);
      return { result: undefined };
    });
  }

  getUrl(): string {
    return this.call(() => spreadsheetUrl(this.ctx.model.id));
  }

  getSpreadsheetTimeZone(): string {
    return this.call(() => this.ctx.model.timeZone);
  }

  setSpreadsheetTimeZone(timeZone: string): void {
    this.ctx.meter.write(`setSpreadsheetTimeZone ${timeZone}`, () => {
      this.ctx.model.timeZone = timeZone;
      return { result: undefined };
    });
  }

  getSpreadsheetLocale(): string {
    return this.call(() => 'en_US');
  }

  /** Exact (case-sensitive) name match; null when absent. */
  getSheetByName(name: string): FakeSheet | null {
    return this.call(() => {
      const s = this.ctx.model.byName(String(name));
      return s ? new FakeSheet(this.ctx, s) : null;
    });
  }

  getSheetById(id: number): FakeSheet | null {
    return this.call(() => {
      const s = this.ctx.model.byId(id);
      return s ? new FakeSheet(this.ctx, s) : null;
    });
  }

  getSheets(): FakeSheet[] {
    return this.call(() => this.ctx.model.sheets.map((s) => new FakeSheet(this.ctx, s)));
  }

  getNumSheets(): number {
    return this.call(() => this.ctx.model.sheets.length);
  }

  /** In a trigger or web-app execution the active sheet is the first one. */
  getActiveSheet(): FakeSheet {
    return this.call(() => new FakeSheet(this.ctx, this.ctx.model.sheets[0]));
  }

  /** insertSheet() | insertSheet(index) | insertSheet(name) | insertSheet(name, index); index is 0-based. */
  insertSheet(nameOrIndex?: string | number, index?: number): FakeSheet {
    const name = typeof nameOrIndex === 'string' ? nameOrIndex : undefined;
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : index;
    return this.ctx.meter.write(`insertSheet ${name ?? ''}`.trim(), () => {
      const model = this.ctx.model;
      let finalName = name;
      if (finalName === undefined) {
        let n = model.sheets.length + 1;
        while (model.nameTaken(`Sheet${n}`)) n += 1;
        finalName = `Sheet${n}`;
      }
      if (finalName === '') throw appsScriptException('Sheet name cannot be empty.');
      if (model.nameTaken(finalName)) throw appsScriptException(nameTakenMessage(finalName));
      const position =
        at === undefined ? model.sheets.length : Math.max(0, Math.min(at, model.sheets.length));
      return { result: new FakeSheet(this.ctx, model.addSheet(finalName, position)) };
    });
  }

  deleteSheet(sheet: FakeSheet): void {
    const model = sheetModelOf(sheet);
    this.ctx.meter.write(`deleteSheet ${model?.name ?? '?'}`, () => {
      if (!model || !this.ctx.model.sheets.includes(model))
        throw appsScriptException('Sheet not found');
      if (this.ctx.model.sheets.length === 1) throw appsScriptException(MESSAGES.deleteLastSheet);
      this.ctx.model.removeSheet(model);
      return { result: undefined };
    });
  }

  /**
   * "Returns the owner of the document, or null for a document in a shared drive"
   * (reference/spreadsheet/spreadsheet#getOwner).
   */
  getOwner(): User | null {
    return this.call(() => (this.ctx.model.owner ? new User(this.ctx.model.owner) : null));
  }

  /**
   * The users with edit permission (reference/spreadsheet/spreadsheet#getEditors). The
   * reference does not say whether the owner is listed, nor what a caller without edit
   * access gets; Drive's File.getEditors answers an empty array to such a caller and
   * lists the owner separately. We do the same (the reading harder on a caller that
   * relies on it): the owner is not in the list, and a non-editor gets [].
   */
  getEditors(): User[] {
    return this.call(() => {
      const me = (this.ctx.deps.currentUserEmail?.() ?? '').toLowerCase();
      const { owner, editors } = this.ctx.model;
      const mayEdit = [owner ?? '', ...editors].some((e) => e && e.toLowerCase() === me);
      return mayEdit ? editors.map((e) => new User(e)) : [];
    });
  }

  /** URL of the linked form, or null when no form sends responses here. */
  getFormUrl(): string | null {
    return this.call(() => this.ctx.model.formUrl);
  }

  /** Spreadsheet.getRange('sheet!A1:B2'); without a sheet name, the first sheet. */
  getRange(a1Notation: string): FakeRange {
    return this.call(() => {
      const split = splitSheet(String(a1Notation));
      const base = this.ctx.model.sheets[0];
      if (!split) throw appsScriptException(MESSAGES.rangeNotFound);
      return rangeFromA1(this.ctx, base, String(a1Notation));
    });
  }

  /** Records the toast for book.toasts. */
  toast(message: string, title?: string, timeoutSeconds?: number): void {
    this.call(() => {
      this.ctx.ui.toasts.push({
        message: String(message),
        title: title ?? null,
        timeoutSeconds: timeoutSeconds ?? null,
      });
    });
  }

  toString(): string {
    return 'Spreadsheet';
  }

  private call<T>(fn: () => T): T {
    return this.ctx.meter.simple(fn);
  }
}

registerParentFactory((ctx) => new FakeSpreadsheet(ctx));
