/** Embedded charts: builder, insert / get / update / remove, counting, and the book's record. */
import { ChartsEnums } from './index';
import { setup } from './test-support';

const { ChartType, ChartMergeStrategy, ChartHiddenDimensionStrategy } = ChartsEnums;

function withSheet(options: { held?: boolean } = {}) {
  const t = setup(options);
  t.book.addSheet('dashboard', [
    ['Rep', 'Leads'],
    ['Ayu', 3],
    ['Bima', 5],
  ]);
  const sheet = t.ss.getSheetByName('dashboard');
  return { ...t, sheet, handle: t.book.sheet('dashboard') };
}

describe('EmbeddedChartBuilder and Sheet.insertChart', () => {
  test('a built chart is on no sheet (id null) until insertChart; then getCharts and the book show it', () => {
    const { sheet, handle } = withSheet();
    const chart = sheet
      .newChart()
      .setChartType(ChartType.COLUMN)
      .addRange(sheet.getRange('A1:B3'))
      .setOption('title', 'Leads')
      .setPosition(2, 5, 10, 20)
      .build();
    expect(chart.getChartId()).toBeNull();
    expect(sheet.getCharts()).toEqual([]);
    sheet.insertChart(chart);
    const [stored] = sheet.getCharts();
    expect(typeof stored.getChartId()).toBe('number');
    expect(stored.getRanges().map((r: { getA1Notation(): string }) => r.getA1Notation())).toEqual([
      'A1:B3',
    ]);
    expect(stored.getOptions().get('title')).toBe('Leads');
    expect(stored.getOptions().get('nothing')).toBeNull();
    const info = stored.getContainerInfo();
    expect([
      info.getAnchorRow(),
      info.getAnchorColumn(),
      info.getOffsetX(),
      info.getOffsetY(),
    ]).toEqual([2, 5, 10, 20]);
    expect(stored.getMergeStrategy()).toBe(ChartMergeStrategy.MERGE_COLUMNS);
    expect(stored.getHiddenDimensionStrategy()).toBe(ChartHiddenDimensionStrategy.IGNORE_BOTH);
    expect(handle.charts()).toEqual([
      {
        chartId: stored.getChartId(),
        type: 'COLUMN',
        ranges: ['dashboard!A1:B3'],
        title: 'Leads',
        options: { title: 'Leads' },
        position: { row: 2, column: 5, offsetX: 10, offsetY: 20 },
        numHeaders: -1,
      },
    ]);
  });

  test('addRange ignores a range already added; removeRange, clearRanges; getRanges is a copy', () => {
    const { sheet } = withSheet();
    const b = sheet.newChart().setChartType(ChartType.LINE);
    b.addRange(sheet.getRange('A1:A3'))
      .addRange(sheet.getRange('A1:A3'))
      .addRange(sheet.getRange('B1:B3'));
    expect(b.getRanges().map((r: { getA1Notation(): string }) => r.getA1Notation())).toEqual([
      'A1:A3',
      'B1:B3',
    ]);
    b.getRanges().pop();
    expect(b.getRanges()).toHaveLength(2);
    b.removeRange(sheet.getRange('A1:A3'));
    expect(b.getRanges().map((r: { getA1Notation(): string }) => r.getA1Notation())).toEqual([
      'B1:B3',
    ]);
    b.clearRanges();
    expect(b.getRanges()).toEqual([]);
    expect(() => b.addRange('A1:B2')).toThrow(
      "The parameters (string) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.addRange.",
    );
  });

  test('ranges on another sheet are kept with their sheet', () => {
    const { sheet, ss, handle } = withSheet();
    const other = ss.getSheetByName('Sheet1');
    sheet.insertChart(sheet.newChart().asPieChart().addRange(other.getRange('C1:D4')).build());
    expect(handle.charts()[0].ranges).toEqual(['Sheet1!C1:D4']);
  });

  test('the chart type: setChartType takes Charts.ChartType; as<Type>Chart sets it on the shared builder; building without one fails', () => {
    const { sheet } = withSheet();
    expect(() => sheet.newChart().setChartType('DONUT')).toThrow(
      /EmbeddedChartBuilder.setChartType/,
    );
    expect(() => sheet.newChart().addRange(sheet.getRange('A1:B3')).build()).toThrow(
      /chart type must be set/,
    );
    const b = sheet.newChart();
    const typed = b.asComboChart();
    expect(b.getChartType()).toBe('COMBO');
    b.addRange(sheet.getRange('A1:B3'));
    expect(typed.getRanges()).toHaveLength(1);
    expect(String(typed)).toBe('EmbeddedComboChartBuilder');
    expect(typeof b.setTitle).toBe('undefined');
  });

  test('the typed builders record their conveniences as chart options; setOption copies the value given', () => {
    const { sheet } = withSheet();
    const series = { 1: { type: 'line', targetAxisIndex: 1 } };
    const chart = sheet
      .newChart()
      .asColumnChart()
      .setTitle('T')
      .setXAxisTitle('Rep')
      .setYAxisTitle('Leads')
      .setStacked()
      .setRange(0, 10)
      .setLegendPosition(ChartsEnums.Position.NONE)
      .setOption('series', series)
      .addRange(sheet.getRange('A1:B3'))
      .setNumHeaders(1)
      .build();
    series[1].type = 'bars';
    sheet.insertChart(chart);
    const options = sheet.getCharts()[0].getOptions();
    expect(options.get('title')).toBe('T');
    expect(options.get('hAxis.title')).toBe('Rep');
    expect(options.get('vAxis')).toEqual({ title: 'Leads', viewWindow: { min: 0, max: 10 } });
    expect(options.get('isStacked')).toBe(true);
    expect(options.get('legend.position')).toBe('none');
    expect(options.get('series.1.type')).toBe('line');
    expect(sheet.getCharts()[0].getNumHeaders()).toBe(1);
  });

  test('setPosition wants whole numbers and an anchor inside the sheet', () => {
    const { sheet } = withSheet();
    expect(() => sheet.newChart().setPosition('1', 1, 0, 0)).toThrow(/setPosition/);
    expect(() => sheet.newChart().setPosition(0, 1, 0, 0)).toThrow(/outside the dimensions/);
  });
});

describe('changing and removing charts', () => {
  test('modify() + updateChart keeps the id and whatever was not changed', () => {
    const { sheet, handle } = withSheet();
    sheet.insertChart(
      sheet
        .newChart()
        .asColumnChart()
        .addRange(sheet.getRange('A1:B3'))
        .setOption('title', 'Old')
        .setPosition(3, 4, 0, 0)
        .build(),
    );
    const [chart] = sheet.getCharts();
    const id = chart.getChartId();
    const changed = chart
      .modify()
      .setOption('title', 'New')
      .clearRanges()
      .addRange(sheet.getRange('A1:A3'))
      .build();
    expect(handle.charts()[0].title).toBe('Old');
    sheet.updateChart(changed);
    expect(handle.charts()).toEqual([
      expect.objectContaining({
        chartId: id,
        title: 'New',
        type: 'COLUMN',
        ranges: ['dashboard!A1:A3'],
        position: { row: 3, column: 4, offsetX: 0, offsetY: 0 },
      }),
    ]);
  });

  test('removeChart takes the chart off; a chart not on the sheet cannot be updated or removed; a chart is inserted once', () => {
    const { sheet, ss, handle } = withSheet();
    const built = sheet.newChart().asLineChart().addRange(sheet.getRange('A1:B3')).build();
    sheet.insertChart(built);
    expect(built.getChartId()).toBe(handle.charts()[0].chartId);
    expect(() => sheet.insertChart(built)).toThrow(/already in the spreadsheet/);
    expect(() => sheet.insertChart(sheet.getCharts()[0])).toThrow(/already in the spreadsheet/);
    const [chart] = sheet.getCharts();
    expect(() => ss.getSheetByName('Sheet1').removeChart(chart)).toThrow(/not on this sheet/);
    sheet.removeChart(chart);
    expect(handle.charts()).toEqual([]);
    expect(() => sheet.removeChart(chart)).toThrow(/not on this sheet/);
    expect(() => sheet.updateChart(chart.modify().build())).toThrow(/not on this sheet/);
    expect(() => sheet.removeChart({})).toThrow(/Sheet.removeChart/);
  });

  test('chart ids are unique across the spreadsheet', () => {
    const { sheet, ss } = withSheet();
    const other = ss.getSheetByName('Sheet1');
    sheet.insertChart(sheet.newChart().asBarChart().addRange(sheet.getRange('A1:B3')).build());
    other.insertChart(other.newChart().asBarChart().addRange(other.getRange('A1:B3')).build());
    sheet.insertChart(sheet.newChart().asBarChart().addRange(sheet.getRange('A1:B3')).build());
    const ids = [...sheet.getCharts(), ...other.getCharts()].map((c: { getChartId(): number }) =>
      c.getChartId(),
    );
    expect(new Set(ids).size).toBe(3);
  });

  test('rendering is not modelled', () => {
    const { sheet } = withSheet();
    const chart = sheet.newChart().asColumnChart().addRange(sheet.getRange('A1:B3')).build();
    expect(() => chart.getBlob()).toThrow(/does not render charts/);
  });
});

describe('counting', () => {
  test('newChart, insert/update/removeChart, getCharts and chart methods are round trips; builder methods, options and container info are not', () => {
    const { sheet, counters } = withSheet();
    const range = sheet.getRange('A1:B3');
    let before = counters.spreadsheetCalls;
    const b = sheet.newChart();
    expect(counters.spreadsheetCalls - before).toBe(1);
    before = counters.spreadsheetCalls;
    const chart = b
      .asColumnChart()
      .addRange(range)
      .setOption('title', 'T')
      .setPosition(1, 1, 0, 0)
      .build();
    expect(counters.spreadsheetCalls - before).toBe(0);
    before = counters.spreadsheetCalls;
    sheet.insertChart(chart);
    const [stored] = sheet.getCharts();
    const options = stored.getOptions();
    const info = stored.getContainerInfo();
    expect(counters.spreadsheetCalls - before).toBe(4);
    before = counters.spreadsheetCalls;
    options.get('title');
    info.getAnchorRow();
    expect(counters.spreadsheetCalls - before).toBe(0);
    sheet.updateChart(stored.modify().build());
    sheet.removeChart(stored);
    expect(counters.spreadsheetCalls - before).toBe(3);
  });

  test('chart changes without the script lock are recorded as unlocked writes', () => {
    const { sheet, counters } = withSheet({ held: false });
    sheet.insertChart(sheet.newChart().asColumnChart().addRange(sheet.getRange('A1:B3')).build());
    sheet.removeChart(sheet.getCharts()[0]);
    expect(counters.unlockedWrites).toEqual(['insertChart dashboard', 'removeChart dashboard']);
  });
});
