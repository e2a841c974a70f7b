/**
 * Embedded charts (reference/spreadsheet/embedded-chart, embedded-chart-builder,
 * container-info; reference/charts ChartType and strategies):
 *
 *   sheet.insertChart(sheet.newChart().asColumnChart().addRange(r)
 *     .setOption('title', 'T').setPosition(1, 15, 0, 0).build());
 *
 * - Builders never touch the spreadsheet, so, like the data-validation builder, their
 *   own methods are not counted; sheet.newChart(), insert/update/removeChart,
 *   getCharts() and every EmbeddedChart method are counted round trips. ContainerInfo
 *   and ChartOptions are plain values read from a chart already fetched (uncounted).
 * - "build(): Builds the chart to reflect all changes made to it. This method does
 *   not automatically draw the chart on top of the spreadsheet": a built chart has
 *   getChartId() null until sheet.insertChart(chart); an existing chart changes only
 *   through sheet.updateChart(chart.modify()…build()).
 * - addRange "does not add the range if it has already been added to the chart";
 *   getRanges returns a copy. Defaults: ChartMergeStrategy.MERGE_COLUMNS,
 *   ChartHiddenDimensionStrategy.IGNORE_BOTH, position row 1 column 1, offsets 0.
 * - as<Type>Chart() "sets the chart type … and returns" the typed builder; it shares
 *   the builder's state. The typed builders' conveniences (setTitle, setXAxisTitle,
 *   setStacked, …) are recorded as the Google Charts options they stand for.
 * - Stricter than documented (so a mistake shows here rather than in production):
 *   building without a chart type, inserting the same chart twice, and updating or
 *   removing a chart that is not on the sheet throw.
 * - Not modelled: rendering (getAs/getBlob throw), ranges following inserted or
 *   deleted rows.
 */
import { rangeA1, quoteSheetName } from './a1';
import type { Ctx } from './context';
import { appsScriptException } from './errors';
import { copyChartSpec, type ChartRangeRef, type ChartSpec, type SheetModel } from './model';
import { FakeRange, rangeGeometryOf } from './range';
import { makeEnum } from '../services/enum';

/** Charts.ChartType (reference/charts/chart-type). */
export const ChartType = makeEnum([
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
]);
export const ChartHiddenDimensionStrategy = makeEnum([
  'IGNORE_BOTH',
  'IGNORE_ROWS',
  'IGNORE_COLUMNS',
  'SHOW_BOTH',
]);
export const ChartMergeStrategy = makeEnum(['MERGE_COLUMNS', 'MERGE_ROWS']);
export const Position = makeEnum(['TOP', 'RIGHT', 'BOTTOM', 'NONE']);

/** The enums of the `Charts` global, for a runtime that exposes it (and for tests). */
export const ChartsEnums = Object.freeze({
  ChartType,
  ChartHiddenDimensionStrategy,
  ChartMergeStrategy,
  Position,
});

/** A chart as a test reads it back (book.sheet(name).charts()). */
export interface RecordedChart {
  chartId: number;
  /** Charts.ChartType name. */
  type: string;
  /** A1 with the sheet name: "dashboard!A11:A61". */
  ranges: string[];
  /** options.title, or null. */
  title: string | null;
  options: Record<string, unknown>;
  position: { row: number; column: number; offsetX: number; offsetY: number };
  numHeaders: number;
}

export function recordChart(spec: ChartSpec): RecordedChart {
  const copy = copyChartSpec(spec);
  return {
    chartId: copy.chartId ?? 0,
    type: copy.type,
    ranges: copy.ranges.map(
      (r) => `${quoteSheetName(r.sheet.name)}!${rangeA1(r.row, r.col, r.numRows, r.numCols)}`,
    ),
    title: typeof copy.options.title === 'string' ? copy.options.title : null,
    options: copy.options,
    position: {
      row: copy.anchorRow,
      column: copy.anchorColumn,
      offsetX: copy.offsetX,
      offsetY: copy.offsetY,
    },
    numHeaders: copy.numHeaders,
  };
}

function newSpec(): ChartSpec {
  return {
    chartId: null,
    type: '',
    ranges: [],
    options: {},
    anchorRow: 1,
    anchorColumn: 1,
    offsetX: 0,
    offsetY: 0,
    numHeaders: -1,
    transpose: false,
    mergeStrategy: ChartMergeStrategy.MERGE_COLUMNS,
    hiddenDimensionStrategy: ChartHiddenDimensionStrategy.IGNORE_BOTH,
  };
}

function signature(method: string, args: unknown[]): Error {
  const types = args
    .map((a) =>
      a === null
        ? 'null'
        : Array.isArray(a)
          ? 'object[]'
          : typeof a === 'object'
            ? 'Object'
            : typeof a,
    )
    .join(',');
  return appsScriptException(
    `The parameters (${types}) don't match the method signature for SpreadsheetApp.${method}.`,
  );
}

function isInteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n);
}

/** Sets an option by a dotted path inside the stored options ('vAxis.title'), as the typed builders do. */
function setPath(options: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = options;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = JSON.parse(JSON.stringify(value ?? null)) as unknown;
}

const specs = new WeakMap<object, { spec: ChartSpec; container: SheetModel }>();

/** The spec and containing sheet behind a FakeEmbeddedChart; undefined for anything else. */
export function chartOf(chart: unknown): { spec: ChartSpec; container: SheetModel } | undefined {
  return typeof chart === 'object' && chart !== null ? specs.get(chart) : undefined;
}

/** ContainerInfo: where the chart is anchored (1-based row and column, pixel offsets). */
export class FakeContainerInfo {
  constructor(private readonly spec: ChartSpec) {}

  getAnchorRow(): number {
    return this.spec.anchorRow;
  }

  getAnchorColumn(): number {
    return this.spec.anchorColumn;
  }

  getOffsetX(): number {
    return this.spec.offsetX;
  }

  getOffsetY(): number {
    return this.spec.offsetY;
  }
}

/** Charts.ChartOptions: "These options are immutable." get(key) → the value set, or null. */
export class FakeChartOptions {
  private readonly options: Record<string, unknown>;

  constructor(options: Record<string, unknown>) {
    this.options = JSON.parse(JSON.stringify(options)) as Record<string, unknown>;
  }

  /** An option by the key it was set with, else by a dotted path into object values ('vAxes.1.format'). */
  get(option: string): unknown {
    const key = String(option);
    if (key in this.options) return this.options[key];
    let node: unknown = this.options;
    for (const part of key.split('.')) {
      if (typeof node !== 'object' || node === null || !(part in node)) return null;
      node = (node as Record<string, unknown>)[part];
    }
    return node ?? null;
  }
}

/** EmbeddedChartBuilder: edits a private copy of the chart until build(). */
export class FakeEmbeddedChartBuilder {
  constructor(
    protected readonly ctx: Ctx,
    protected readonly container: SheetModel,
    /** Shared with the typed builders as<Type>Chart() returns. */
    protected readonly state: { spec: ChartSpec } = { spec: newSpec() },
  ) {}

  /** Adds a range unless the chart already has that same range. */
  addRange(range: FakeRange): this {
    const g = rangeGeometryOf(range);
    if (!g) throw signature('EmbeddedChartBuilder.addRange', [range]);
    const ref: ChartRangeRef = {
      sheet: g.sheet,
      row: g.row,
      col: g.col,
      numRows: g.numRows,
      numCols: g.numCols,
    };
    if (!this.state.spec.ranges.some((r) => sameRange(r, ref))) this.state.spec.ranges.push(ref);
    return this;
  }

  removeRange(range: FakeRange): this {
    const g = rangeGeometryOf(range);
    if (!g) throw signature('EmbeddedChartBuilder.removeRange', [range]);
    this.state.spec.ranges = this.state.spec.ranges.filter((r) => !sameRange(r, g));
    return this;
  }

  clearRanges(): this {
    this.state.spec.ranges = [];
    return this;
  }

  /** A copy of the ranges currently providing data. */
  getRanges(): FakeRange[] {
    return this.state.spec.ranges.map(
      (r) => new FakeRange(this.ctx, r.sheet, r.row, r.col, r.numRows, r.numCols),
    );
  }

  setChartType(type: string): this {
    if (!(Object.values(ChartType) as string[]).includes(type))
      throw signature('EmbeddedChartBuilder.setChartType', [type]);
    this.state.spec.type = type;
    return this;
  }

  getChartType(): string | null {
    return this.state.spec.type || null;
  }

  setOption(option: string, value: unknown): this {
    if (typeof option !== 'string')
      throw signature('EmbeddedChartBuilder.setOption', [option, value]);
    this.state.spec.options[option] = JSON.parse(JSON.stringify(value ?? null)) as unknown;
    return this;
  }

  /** Anchors the chart's top-left corner at a cell (1-based), offset in pixels. */
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
    if (!args.every(isInteger)) throw signature('EmbeddedChartBuilder.setPosition', args);
    if (anchorRowPos < 1 || anchorColPos < 1)
      throw appsScriptException(
        'The coordinates of the range are outside the dimensions of the sheet.',
      );
    Object.assign(this.state.spec, {
      anchorRow: anchorRowPos,
      anchorColumn: anchorColPos,
      offsetX,
      offsetY,
    });
    return this;
  }

  getContainer(): FakeContainerInfo {
    return new FakeContainerInfo({ ...this.state.spec });
  }

  setNumHeaders(headers: number): this {
    if (!isInteger(headers)) throw signature('EmbeddedChartBuilder.setNumHeaders', [headers]);
    this.state.spec.numHeaders = headers;
    return this;
  }

  setTransposeRowsAndColumns(transpose: boolean): this {
    this.state.spec.transpose = Boolean(transpose);
    return this;
  }

  setMergeStrategy(mergeStrategy: string): this {
    if (!(Object.values(ChartMergeStrategy) as string[]).includes(mergeStrategy))
      throw signature('EmbeddedChartBuilder.setMergeStrategy', [mergeStrategy]);
    this.state.spec.mergeStrategy = mergeStrategy;
    return this;
  }

  setHiddenDimensionStrategy(strategy: string): this {
    if (!(Object.values(ChartHiddenDimensionStrategy) as string[]).includes(strategy))
      throw signature('EmbeddedChartBuilder.setHiddenDimensionStrategy', [strategy]);
    this.state.spec.hiddenDimensionStrategy = strategy;
    return this;
  }

  asAreaChart(): FakeTypedChartBuilder {
    return this.typed(ChartType.AREA);
  }
  asBarChart(): FakeTypedChartBuilder {
    return this.typed(ChartType.BAR);
  }
  asColumnChart(): FakeTypedChartBuilder {
    return this.typed(ChartType.COLUMN);
  }
  asComboChart(): FakeTypedChartBuilder {
    return this.typed(ChartType.COMBO);
  }
  asHistogramChart(): FakeTypedChartBuilder {
    return this.typed(ChartType.HISTOGRAM);
  }
  asLineChart(): FakeTypedChartBuilder {
    return this.typed(ChartType.LINE);
  }
  asPieChart(): FakeTypedChartBuilder {
    return this.typed(ChartType.PIE);
  }
  asScatterChart(): FakeTypedChartBuilder {
    return this.typed(ChartType.SCATTER);
  }
  asTableChart(): FakeTypedChartBuilder {
    return this.typed(ChartType.TABLE);
  }

  /** The chart as built: not on any sheet until insertChart (or updateChart for a modified one). */
  build(): FakeEmbeddedChart {
    if (!this.state.spec.type)
      throw appsScriptException(
        'The chart type must be set before the chart is built (setChartType or as<Type>Chart).',
      );
    return new FakeEmbeddedChart(this.ctx, this.container, copyChartSpec(this.state.spec));
  }

  toString(): string {
    return 'EmbeddedChartBuilder';
  }

  private typed(type: string): FakeTypedChartBuilder {
    this.state.spec.type = type;
    return new FakeTypedChartBuilder(this.ctx, this.container, this.state);
  }
}

/** EmbeddedColumnChartBuilder, EmbeddedComboChartBuilder, … : the conveniences they share. */
export class FakeTypedChartBuilder extends FakeEmbeddedChartBuilder {
  setTitle(chartTitle: string): this {
    return this.option('title', String(chartTitle));
  }
  setXAxisTitle(title: string): this {
    return this.option('hAxis.title', String(title));
  }
  setYAxisTitle(title: string): this {
    return this.option('vAxis.title', String(title));
  }
  setLegendPosition(position: string): this {
    if (!(Object.values(Position) as string[]).includes(position))
      throw signature('EmbeddedChartBuilder.setLegendPosition', [position]);
    return this.option('legend.position', position.toLowerCase());
  }
  setColors(cssValues: string[]): this {
    if (!Array.isArray(cssValues)) throw signature('EmbeddedChartBuilder.setColors', [cssValues]);
    return this.option('colors', [...cssValues]);
  }
  setBackgroundColor(cssValue: string): this {
    return this.option('backgroundColor', String(cssValue));
  }
  setStacked(): this {
    return this.option('isStacked', true);
  }
  /** Vertical axis range. */
  setRange(start: number, end: number): this {
    this.option('vAxis.viewWindow.min', start);
    return this.option('vAxis.viewWindow.max', end);
  }
  useLogScale(): this {
    return this.option('vAxis.logScale', true);
  }
  reverseCategories(): this {
    return this.option('hAxis.direction', -1);
  }

  override toString(): string {
    return `Embedded${this.state.spec.type.charAt(0)}${this.state.spec.type.slice(1).toLowerCase()}ChartBuilder`;
  }

  private option(path: string, value: unknown): this {
    setPath(this.state.spec.options, path, value);
    return this;
  }
}

/** EmbeddedChart: a snapshot of one chart, built or read with sheet.getCharts(). */
export class FakeEmbeddedChart {
  constructor(
    private readonly ctx: Ctx,
    private readonly container: SheetModel,
    private readonly spec: ChartSpec,
  ) {
    specs.set(this, { spec, container });
  }

  /** Stable and unique in the spreadsheet; null while the chart is not in one. */
  getChartId(): number | null {
    return this.call(() => this.spec.chartId);
  }

  getContainerInfo(): FakeContainerInfo {
    return this.call(() => new FakeContainerInfo({ ...this.spec }));
  }

  getOptions(): FakeChartOptions {
    return this.call(() => new FakeChartOptions(this.spec.options));
  }

  getRanges(): FakeRange[] {
    return this.call(() =>
      this.spec.ranges.map(
        (r) => new FakeRange(this.ctx, r.sheet, r.row, r.col, r.numRows, r.numCols),
      ),
    );
  }

  getNumHeaders(): number {
    return this.call(() => this.spec.numHeaders);
  }

  getTransposeRowsAndColumns(): boolean {
    return this.call(() => this.spec.transpose);
  }

  getMergeStrategy(): string {
    return this.call(() => this.spec.mergeStrategy);
  }

  getHiddenDimensionStrategy(): string {
    return this.call(() => this.spec.hiddenDimensionStrategy);
  }

  /** A builder over a copy of this chart (same id): apply it with sheet.updateChart(builder.build()). */
  modify(): FakeEmbeddedChartBuilder {
    return this.call(
      () =>
        new FakeEmbeddedChartBuilder(this.ctx, this.container, { spec: copyChartSpec(this.spec) }),
    );
  }

  getBlob(): never {
    return this.call(() => {
      throw appsScriptException('The local runtime does not render charts (getBlob).');
    });
  }

  getAs(_contentType: string): never {
    return this.call(() => {
      throw appsScriptException('The local runtime does not render charts (getAs).');
    });
  }

  toString(): string {
    return 'EmbeddedChart';
  }

  private call<T>(fn: () => T): T {
    return this.ctx.meter.simple(fn);
  }
}

function sameRange(a: ChartRangeRef, b: ChartRangeRef): boolean {
  return (
    a.sheet === b.sheet &&
    a.row === b.row &&
    a.col === b.col &&
    a.numRows === b.numRows &&
    a.numCols === b.numCols
  );
}

/** Sheet.insertChart: stores a copy with a new id (the inserted object gets the id too). */
export function insertChart(ctx: Ctx, sheet: SheetModel, chart: unknown): void {
  const found = chartOf(chart);
  if (!found) throw signature('Sheet.insertChart', [chart]);
  if (found.spec.chartId !== null)
    throw appsScriptException(
      'This chart is already in the spreadsheet: change it with Sheet.updateChart.',
    );
  found.spec.chartId = ctx.model.nextChartId();
  sheet.charts.push(copyChartSpec(found.spec));
}

/** Sheet.updateChart: replaces the stored chart with the same id on this sheet. */
export function updateChart(sheet: SheetModel, chart: unknown): void {
  const found = chartOf(chart);
  if (!found) throw signature('Sheet.updateChart', [chart]);
  const index = sheet.charts.findIndex(
    (c) => c.chartId !== null && c.chartId === found.spec.chartId,
  );
  if (index < 0) throw appsScriptException('The chart is not on this sheet.');
  sheet.charts[index] = copyChartSpec(found.spec);
}

/** Sheet.removeChart: removes the chart with the same id from this sheet. */
export function removeChart(sheet: SheetModel, chart: unknown): void {
  const found = chartOf(chart);
  if (!found) throw signature('Sheet.removeChart', [chart]);
  const index = sheet.charts.findIndex(
    (c) => c.chartId !== null && c.chartId === found.spec.chartId,
  );
  if (index < 0) throw appsScriptException('The chart is not on this sheet.');
  sheet.charts.splice(index, 1);
}
