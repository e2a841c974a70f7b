import { setup } from './test-support';

describe('Ui, toasts and form submissions', () => {
  test('menus and alerts are recorded on the book', () => {
    const { app, book, ss } = setup();
    const ui = app.getUi();
    ui.createMenu('Lead Routing')
      .addItem('Setup', 'setup')
      .addSeparator()
      .addItem('Sweep now', 'runSlaSweep')
      .addToUi();
    expect(ui.alert('Done', 'All set', ui.ButtonSet.OK)).toBe('OK');
    ss.toast('hello', 'Lead Routing', 5);
    expect(book.menus).toEqual([
      {
        name: 'Lead Routing',
        items: [
          { caption: 'Setup', functionName: 'setup' },
          { separator: true },
          { caption: 'Sweep now', functionName: 'runSlaSweep' },
        ],
      },
    ]);
    expect(book.alerts).toEqual([
      { title: 'Done', prompt: 'All set', buttons: 'OK', response: 'OK' },
    ]);
    expect(book.toasts).toEqual([{ message: 'hello', title: 'Lead Routing', timeoutSeconds: 5 }]);
  });

  test('getUi throws outside a UI context', () => {
    const { app, book } = setup();
    book.setUiAvailable(false);
    expect(() => app.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
  });

  test('linkForm creates the response sheet and getFormUrl answers', () => {
    const { ss, book } = setup();
    expect(ss.getFormUrl()).toBeNull();
    const { formUrl } = book.linkForm({ questions: ['Name', 'Phone'] });
    expect(ss.getFormUrl()).toBe(formUrl);
    expect(book.sheetNames()[0]).toBe('Form Responses 1');
    expect(book.sheet('Form Responses 1').rows()).toEqual([['Timestamp', 'Name', 'Phone']]);
  });

  test('submitForm appends a row and returns the documented onFormSubmit event', () => {
    const { book, clock, deps, counters } = setup();
    book.linkForm({ questions: ['Name', 'Phone'] });
    clock.advanceMinutes(5); // 2026-11-26 02:05 UTC = 09:05 in Jakarta
    const e = book.submitForm({ Name: 'Ann', Phone: '0812-555' });
    expect(e.values).toEqual(['11/26/2026 9:05:00', 'Ann', '0812-555']);
    expect(e.namedValues).toEqual({
      Timestamp: ['11/26/2026 9:05:00'],
      Name: ['Ann'],
      Phone: ['0812-555'],
    });
    expect(e.authMode).toBe('FULL');
    expect(typeof e.triggerUid).toBe('string');
    const before = counters.spreadsheetCalls;
    expect(e.range.getA1Notation()).toBe('A2:C2');
    expect(counters.spreadsheetCalls - before).toBe(1);
    const [ts] = e.range.getValues()[0];
    expect(ts).toBeInstanceOf(deps.DateClass);
    expect((ts as Date).getTime()).toBe(clock.now());
    expect(e.source.getId()).toBe(book.id);
  });

  test('a numeric-looking form answer lands in the sheet as a number (Forms drops the leading zero)', () => {
    const { book } = setup();
    book.linkForm({ questions: ['Phone', 'Note'] });
    const e = book.submitForm({ Phone: '081234', Note: '=HYPERLINK("x")' });
    expect(e.namedValues.Phone).toEqual(['081234']);
    expect(book.sheet('Form Responses 1').rows()[1].slice(1)).toEqual([81234, '=HYPERLINK("x")']);
    expect(book.sheet('Form Responses 1').formulas()[1]).toEqual(['', '', '']);
  });
});
