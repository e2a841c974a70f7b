/**
 * ContentService: the TextOutput a web app returns (developers.google.com/apps-script/
 * reference/content). A new TextOutput is empty text with MimeType.TEXT; setters return
 * the same object for chaining. Building output is local work, not a round trip, but a
 * killed execution still cannot call it.
 */
import { makeEnum } from './enum';
import type { Executions } from './executions';

export const MimeType = makeEnum([
  'ATOM',
  'CSV',
  'ICAL',
  'JAVASCRIPT',
  'JSON',
  'RSS',
  'TEXT',
  'VCARD',
  'XML',
]);
export type MimeTypeName = keyof typeof MimeType;

export class TextOutput {
  private content: string;
  private mimeType: MimeTypeName = 'TEXT';
  private fileName: string | null = null;

  constructor(
    private readonly executions: Executions,
    content?: unknown,
  ) {
    this.content = content === undefined ? '' : String(content);
  }

  getContent(): string {
    this.executions.check();
    return this.content;
  }

  setContent(content: unknown): TextOutput {
    this.executions.check();
    this.content = String(content);
    return this;
  }

  append(addedContent: unknown): TextOutput {
    this.executions.check();
    this.content += String(addedContent);
    return this;
  }

  clear(): TextOutput {
    this.executions.check();
    this.content = '';
    return this;
  }

  getMimeType(): MimeTypeName {
    this.executions.check();
    return this.mimeType;
  }

  setMimeType(mimeType: MimeTypeName): TextOutput {
    this.executions.check();
    if (!Object.prototype.hasOwnProperty.call(MimeType, String(mimeType))) {
      throw this.executions.exception(`Invalid argument: mimeType (${String(mimeType)})`);
    }
    this.mimeType = mimeType;
    return this;
  }

  getFileName(): string | null {
    this.executions.check();
    return this.fileName;
  }

  downloadAsFile(filename: string): TextOutput {
    this.executions.check();
    this.fileName = String(filename);
    return this;
  }
}

/** The ContentService global. */
export function createContentService(executions: Executions) {
  return {
    MimeType,
    createTextOutput(content?: unknown): TextOutput {
      executions.check();
      return new TextOutput(executions, content);
    },
  };
}
