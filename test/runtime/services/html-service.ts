/**
 * HtmlService: HTML pages a script shows in a sidebar or dialog
 * (developers.google.com/apps-script/reference/html).
 *
 * - `createHtmlOutputFromFile(filename)` "creates a new HtmlOutput object from a file in
 *   the code editor": the project's HTML file `<filename>.html` (the editor shows HTML
 *   files without the extension; clasp pushes `Sidebar.html` as the file `Sidebar`).
 *   A name with no such file fails with "No HTML file named <filename> was found."
 *   (the message Apps Script reports; the reference names no error).
 * - `HtmlOutput` setters return the same object for chaining; `setTitle` is the
 *   sidebar's or dialog's title; `getContent()` returns the file's text.
 * - A sidebar is shown at a fixed width (guides/dialogs: "sidebars … fixed width"),
 *   so `setWidth` has no effect there; it is stored as given.
 * - `createTemplateFromFile` is not modelled: the bundle does not use templates, and a
 *   fake nobody exercises would be untested surface. It throws if called.
 * Building HTML is local work, not a round trip, but a killed execution cannot call it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeEnum } from './enum';
import type { Executions } from './executions';

export const SandboxMode = makeEnum(['EMULATED', 'IFRAME', 'NATIVE']);
export const XFrameOptionsMode = makeEnum(['ALLOWALL', 'DEFAULT']);

export class HtmlOutput {
  private title = '';
  private width: number | null = null;
  private height: number | null = null;
  private sandbox: keyof typeof SandboxMode = 'IFRAME';

  constructor(
    private readonly executions: Executions,
    private content: string,
    /** The project file it came from ('' for createHtmlOutput). */
    readonly fileName: string,
  ) {}

  getContent(): string {
    this.executions.check();
    return this.content;
  }

  setContent(content: unknown): HtmlOutput {
    this.executions.check();
    this.content = String(content);
    return this;
  }

  append(addedContent: unknown): HtmlOutput {
    this.executions.check();
    this.content += String(addedContent);
    return this;
  }

  getTitle(): string {
    this.executions.check();
    return this.title;
  }

  setTitle(title: unknown): HtmlOutput {
    this.executions.check();
    this.title = String(title);
    return this;
  }

  getWidth(): number | null {
    this.executions.check();
    return this.width;
  }

  setWidth(width: number): HtmlOutput {
    this.executions.check();
    this.width = Number(width);
    return this;
  }

  getHeight(): number | null {
    this.executions.check();
    return this.height;
  }

  setHeight(height: number): HtmlOutput {
    this.executions.check();
    this.height = Number(height);
    return this;
  }

  /** Every mode but IFRAME is gone: "IFRAME is the only sandbox mode now supported". */
  setSandboxMode(mode: string): HtmlOutput {
    this.executions.check();
    if (!Object.prototype.hasOwnProperty.call(SandboxMode, mode))
      throw this.executions.exception(`Invalid argument: mode (${String(mode)})`);
    this.sandbox = 'IFRAME';
    return this;
  }

  getSandboxMode(): string {
    this.executions.check();
    return this.sandbox;
  }
}

/** The HtmlService global over the HTML files of the bundle folder. */
export function createHtmlService(executions: Executions, bundleDir: string) {
  return {
    SandboxMode,
    XFrameOptionsMode,
    createHtmlOutput(html?: unknown): HtmlOutput {
      executions.check();
      return new HtmlOutput(executions, html === undefined ? '' : String(html), '');
    },
    createHtmlOutputFromFile(filename: string): HtmlOutput {
      executions.check();
      const name = String(filename);
      const file = path.join(bundleDir, `${name}.html`);
      // Only a plain file name of this project: no folders, no escaping the bundle.
      if (name.includes('/') || name.includes('\\') || !fs.existsSync(file))
        throw executions.exception(`No HTML file named ${name} was found.`);
      return new HtmlOutput(executions, fs.readFileSync(file, 'utf8'), name);
    },
    createTemplateFromFile(): never {
      throw new Error('local runtime: HtmlService.createTemplateFromFile is not modelled');
    },
  };
}
