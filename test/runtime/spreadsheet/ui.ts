/**
 * SpreadsheetApp.getUi(): menus, alerts and the Button/ButtonSet enums. Menus and
 * alerts are recorded on the book. Ui methods (createMenu, alert, ...) and
 * Menu.addToUi are counted round trips; Menu.addItem/addSeparator/addSubMenu only
 * build the menu locally and are not counted (like the data-validation builder).
 * An alert answers with the button set by book.setAlertResponse (default OK, or
 * YES for a YES_NO / YES_NO_CANCEL set).
 */
import type { Ctx, RecordedMenu } from './context';
import { appsScriptException } from './errors';

export const Button = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;

export class FakeMenu {
  private readonly record: RecordedMenu;

  constructor(
    private readonly ctx: Ctx,
    name: string,
  ) {
    this.record = { name, items: [] };
  }

  addItem(caption: string, functionName: string): this {
    this.record.items.push({ caption, functionName });
    return this;
  }

  addSeparator(): this {
    this.record.items.push({ separator: true });
    return this;
  }

  addSubMenu(menu: FakeMenu): this {
    this.record.items.push({ subMenu: menu.snapshot() });
    return this;
  }

  addToUi(): void {
    this.ctx.meter.simple(() => {
      const snap = this.snapshot();
      const at = this.ctx.ui.menus.findIndex((m) => m.name === snap.name);
      // Adding a menu with the same name again replaces it in the menu bar.
      if (at >= 0) this.ctx.ui.menus[at] = snap;
      else this.ctx.ui.menus.push(snap);
    });
  }

  /** A deep copy of what has been built so far. */
  snapshot(): RecordedMenu {
    return JSON.parse(JSON.stringify(this.record)) as RecordedMenu;
  }
}

export class FakeUi {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(private readonly ctx: Ctx) {}

  createMenu(caption: string): FakeMenu {
    return this.ctx.meter.simple(() => new FakeMenu(this.ctx, caption));
  }

  createAddonMenu(): FakeMenu {
    return this.ctx.meter.simple(() => new FakeMenu(this.ctx, 'Add-on'));
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons). */
  alert(a: string, b?: string, c?: string): string {
    return this.ctx.meter.simple(() => {
      let title: string | null = null;
      let prompt = a;
      let buttons: string | null = null;
      if (c !== undefined) [title, prompt, buttons] = [a, String(b), c];
      else if (b !== undefined) buttons = b;
      const set = buttons ?? ButtonSet.OK;
      const response =
        this.ctx.ui.alertResponse ?? (set.startsWith('YES') ? Button.YES : Button.OK);
      this.ctx.ui.alerts.push({ title, prompt: String(prompt), buttons, response });
      return response;
    });
  }

  showModalDialog(_output: unknown, _title: string): void {
    this.ctx.meter.simple(() => undefined);
  }

  /**
   * "Opens a sidebar in the user's editor with custom client-side content. This method
   * does not suspend the server-side script while the sidebar is open"
   * (reference/base/ui#showSidebar): recorded on the book, and the run goes on.
   */
  showSidebar(output: unknown): void {
    this.ctx.meter.simple(() => {
      const page = output as {
        getContent?: () => string;
        getTitle?: () => string;
        fileName?: string;
      };
      if (!page || typeof page.getContent !== 'function' || typeof page.getTitle !== 'function')
        throw appsScriptException('Invalid argument: userInterface');
      this.ctx.ui.sidebars.push({
        title: page.getTitle(),
        content: page.getContent(),
        fileName: page.fileName ?? '',
      });
    });
  }
}
