/**
 * HtmlService, Ui.showSidebar and the spreadsheet's sharing, as the Connect Slack
 * sidebar uses them, each against Google's reference (developers.google.com/apps-script).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRuntime } from '../index';
import { writeBundle } from './test-bundle';

const code = `
function page(name) { var p = HtmlService.createHtmlOutputFromFile(name); return [p.getContent(), p.getTitle()]; }
function show() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Side').setTitle('Hello')); return 'still running'; }
function showText() { SpreadsheetApp.getUi().showSidebar('<b>not an HtmlOutput</b>'); }
function chain() { var p = HtmlService.createHtmlOutput('<p>a</p>'); return p.setTitle('T') === p && p.append('<p>b</p>').getContent(); }
function template() { return HtmlService.createTemplateFromFile('Side'); }
function sharing() {
  var ss = SpreadsheetApp.getActive();
  var owner = ss.getOwner();
  return { owner: owner && owner.getEmail(), editors: ss.getEditors().map(function (u) { return u.getEmail(); }) };
}
`;

function runtime(options: { userEmail?: string } = {}) {
  const dir = writeBundle(code);
  fs.writeFileSync(path.join(dir, 'Side.html'), '<!doctype html><p>side</p>');
  return createRuntime({ bundleDir: dir, ownerEmail: 'owner@example.com', ...options });
}

describe('HtmlService', () => {
  test('createHtmlOutputFromFile(name) reads the project file <name>.html ("from a file in the code editor")', () => {
    expect(runtime().run('page', 'Side')).toEqual(['<!doctype html><p>side</p>', '']);
  });

  test('a name with no HTML file fails as Apps Script does: "No HTML file named … was found."', () => {
    const rt = runtime();
    expect(() => rt.run('page', 'Sidebar')).toThrow('No HTML file named Sidebar was found.');
    // The editor's file name has no extension: Side.html is the file "Side".
    expect(() => rt.run('page', 'Side.html')).toThrow('No HTML file named Side.html was found.');
    expect(() => rt.run('page', '../Side')).toThrow(/No HTML file named/);
  });

  test('HtmlOutput setters return the same object for chaining; append adds to the content', () => {
    expect(runtime().run('chain')).toBe('<p>a</p><p>b</p>');
  });

  test('createTemplateFromFile is not modelled, and says so instead of pretending', () => {
    expect(() => runtime().run('template')).toThrow(/not modelled/);
  });
});

describe('Ui.showSidebar', () => {
  test('"does not suspend the server-side script while the sidebar is open": recorded, and the run returns', () => {
    const rt = runtime();
    expect(rt.runAs('menu', 'show')).toBe('still running');
    expect(rt.book.sidebars).toEqual([
      { title: 'Hello', content: '<!doctype html><p>side</p>', fileName: 'Side' },
    ]);
  });

  test('needs a UI: from a trigger or the editor, getUi() fails ("Cannot call SpreadsheetApp.getUi() from this context.")', () => {
    const rt = runtime();
    expect(() => rt.runAs('trigger', 'show')).toThrow(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
    expect(rt.book.sidebars).toEqual([]);
  });

  test('takes an HtmlOutput, not a string', () => {
    expect(() => runtime().runAs('menu', 'showText')).toThrow(/Invalid argument/);
  });
});

describe('Spreadsheet sharing (getOwner, getEditors)', () => {
  test('the owner is getOwner(); editors are listed by email, without the owner', () => {
    const rt = runtime({ userEmail: 'ed@example.com' });
    rt.book.setSharing({ editors: ['ed@example.com', 'other@example.com'] });
    expect(rt.runAs('menu', 'sharing')).toEqual({
      owner: 'owner@example.com',
      editors: ['ed@example.com', 'other@example.com'],
    });
  });

  test('a caller without edit access gets an empty list (as Drive answers such a caller)', () => {
    const rt = runtime({ userEmail: 'viewer@example.com' });
    rt.book.setSharing({ editors: ['ed@example.com'] });
    expect(rt.runAs('menu', 'sharing')).toEqual({ owner: 'owner@example.com', editors: [] });
  });

  test('a file in a shared drive has no owner: getOwner() is null', () => {
    const rt = runtime({ userEmail: 'ed@example.com' });
    rt.book.setSharing({ owner: null, editors: ['ed@example.com'] });
    expect(rt.runAs('menu', 'sharing')).toEqual({ owner: null, editors: ['ed@example.com'] });
  });
});
