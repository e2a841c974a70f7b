/**
 * TextFinder over a sheet or a range (Sheet.createTextFinder / Range.createTextFinder).
 * Matches against what cells show (display values), or formulas with
 * matchFormulaText(true); case-insensitive and partial by default, like Apps Script.
 * Scans row by row. Every method, including the option setters, is one counted call.
 */
import { displayValue, storeParsed } from './cells';
import type { Ctx } from './context';
import { FakeRange } from './range';
import type { SheetModel } from './model';

export class FakeTextFinder {
  private entireCell = false;
  private caseSensitive = false;
  private regex = false;
  private formulaText = false;
  /** Index (into the scan order) of the last match returned by findNext/findPrevious. */
  private cursor = -1;

  constructor(
    private readonly ctx: Ctx,
    private readonly sheet: SheetModel,
    private readonly text: string,
    /** Search area; undefined = the whole sheet's data. */
    private readonly area?: { row: number; col: number; numRows: number; numCols: number },
  ) {}

  matchEntireCell(flag: boolean): this {
    return this.set(() => (this.entireCell = flag));
  }

  matchCase(flag: boolean): this {
    return this.set(() => (this.caseSensitive = flag));
  }

  useRegularExpression(flag: boolean): this {
    return this.set(() => (this.regex = flag));
  }

  matchFormulaText(flag: boolean): this {
    return this.set(() => (this.formulaText = flag));
  }

  ignoreDiacritics(_flag: boolean): this {
    return this.set(() => undefined);
  }

  findNext(): FakeRange | null {
    return this.ctx.meter.call(() => {
      const hits = this.matches();
      const next = hits.find((h) => h.index > this.cursor);
      if (next) this.cursor = next.index;
      return { result: next ? this.rangeAt(next.row, next.col) : null, read: next ? 1 : 0 };
    });
  }

  findPrevious(): FakeRange | null {
    return this.ctx.meter.call(() => {
      const hits = this.matches().filter((h) => this.cursor < 0 || h.index < this.cursor);
      const prev = hits[hits.length - 1];
      if (prev) this.cursor = prev.index;
      return { result: prev ? this.rangeAt(prev.row, prev.col) : null, read: prev ? 1 : 0 };
    });
  }

  findAll(): FakeRange[] {
    return this.ctx.meter.call(() => {
      const hits = this.matches();
      return { result: hits.map((h) => this.rangeAt(h.row, h.col)), read: hits.length };
    });
  }

  /** Replaces the matched text in every matching cell; returns the number of cells changed. */
  replaceAllWith(replacement: string): number {
    return this.ctx.meter.write(`replaceAllWith ${this.sheet.name}`, () => {
      const hits = this.matches();
      for (const h of hits) {
        const shown = this.formulaText
          ? (this.sheet.peek(h.row, h.col)?.formula ?? '')
          : displayValue(this.sheet.peek(h.row, h.col));
        const next = this.entireCell ? replacement : shown.replace(this.pattern(true), replacement);
        const cell = this.sheet.peek(h.row, h.col);
        storeParsed(
          this.sheet,
          h.row,
          h.col,
          next.startsWith('=') ? { value: '', formula: next } : { value: next, formula: '' },
        );
        if (cell && next === '') cell.formula = '';
      }
      return { result: hits.length, written: hits.length };
    });
  }

  private set(fn: () => unknown): this {
    return this.ctx.meter.simple(() => {
      fn();
      this.cursor = -1;
      return this;
    });
  }

  private pattern(global: boolean): RegExp {
    const source = this.regex ? this.text : this.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const anchored = this.entireCell ? `^(?:${source})$` : source;
    return new RegExp(anchored, (this.caseSensitive ? '' : 'i') + (global ? 'g' : ''));
  }

  private matches(): { row: number; col: number; index: number }[] {
    const area = this.area ?? {
      row: 1,
      col: 1,
      numRows: this.sheet.lastRow(),
      numCols: this.sheet.lastColumn(),
    };
    const re = this.pattern(false);
    const out: { row: number; col: number; index: number }[] = [];
    let index = 0;
    for (let r = area.row; r < area.row + area.numRows; r += 1) {
      for (let c = area.col; c < area.col + area.numCols; c += 1, index += 1) {
        const cell = this.sheet.peek(r, c);
        const shown = this.formulaText ? (cell?.formula ?? '') : displayValue(cell);
        if (shown !== '' && re.test(shown)) out.push({ row: r, col: c, index });
      }
    }
    return out;
  }

  private rangeAt(row: number, col: number): FakeRange {
    return new FakeRange(this.ctx, this.sheet, row, col, 1, 1);
  }
}
