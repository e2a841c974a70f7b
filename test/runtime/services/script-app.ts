/**
 * ScriptApp: installable triggers, the web-app service URL, script id and enums.
 *
 * Rules kept from developers.google.com/apps-script (reference/script/*, guides/triggers,
 * guides/services/quotas):
 * - `everyMinutes(n)`: "n must be 1, 5, 10, 15 or 30".
 * - at most 20 triggers per user per script; the 21st create() fails with
 *   "This script has too many triggers. Triggers must be deleted from the script before
 *   more can be added." (the message scripts report in the wild).
 * - `getProjectTriggers()` lists the current user's triggers only.
 * - simple triggers (AuthMode.LIMITED) cannot use services that need authorization:
 *   ScriptApp trigger management throws "You do not have permission to call ...".
 * - `getService().getUrl()` is null until the script is deployed as a web app.
 * Handlers are not checked at create(): like Apps Script, a missing handler only fails
 * when the trigger fires ("Script function not found: <name>").
 */
import type { Clock } from '../clock';
import { makeEnum } from './enum';
import type { Executions } from './executions';

export const EventType = makeEnum([
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
]);
export const TriggerSource = makeEnum(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']);
export const AuthMode = makeEnum(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
export const WeekDay = makeEnum([
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
]);

export type EventTypeName = keyof typeof EventType;
export type TriggerSourceName = keyof typeof TriggerSource;

/** Accepted by `everyMinutes` (reference/script/clock-trigger-builder#everyMinutes). */
export const EVERY_MINUTES_ALLOWED = [1, 5, 10, 15, 30] as const;
/**
 * Accepted by `everyHours`. The reference gives no list; these are the hour timers the
 * trigger dialog offers, and anything else is rejected so a schedule the dialog cannot
 * show is not silently accepted here.
 */
export const EVERY_HOURS_ALLOWED = [1, 2, 4, 6, 8, 12] as const;
/** "Triggers: 20 / user / script" (guides/services/quotas). */
export const MAX_TRIGGERS_PER_USER_PER_SCRIPT = 20;
export const TOO_MANY_TRIGGERS_MESSAGE =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

/** One installed trigger, as the runtime stores it. */
export interface InstalledTrigger {
  readonly uniqueId: string;
  readonly handler: string;
  readonly eventType: EventTypeName;
  readonly source: TriggerSourceName;
  /** Spreadsheet id for spreadsheet triggers; null for time-driven ones. */
  readonly sourceId: string | null;
  /** Time-driven only: milliseconds between firings. */
  readonly intervalMs?: number;
  /** The user who installed it; the trigger runs as this user. */
  readonly ownerEmail: string;
  readonly createdMs: number;
  /** Time-driven only: last nominal fire time (creation + whole intervals), fake-clock epoch ms. */
  lastFiredMs: number;
}

/** The runtime's trigger list, shared by ScriptApp and runtime.fireDueTriggers(). */
export class TriggerTable {
  readonly all: InstalledTrigger[] = [];
  private nextId = 1_000_000 + Math.floor(Math.random() * 1000);

  newId(): string {
    return String(this.nextId++);
  }

  ownedBy(email: string): InstalledTrigger[] {
    return this.all.filter((t) => t.ownerEmail === email);
  }

  remove(uniqueId: string): void {
    const i = this.all.findIndex((t) => t.uniqueId === uniqueId);
    if (i >= 0) this.all.splice(i, 1);
  }
}

/** The `Trigger` object the bundle sees: a read-only view of an installed trigger. */
export class Trigger {
  constructor(private readonly t: InstalledTrigger) {}

  getHandlerFunction(): string {
    return this.t.handler;
  }

  getEventType(): EventTypeName {
    return this.t.eventType;
  }

  getTriggerSource(): TriggerSourceName {
    return this.t.source;
  }

  getTriggerSourceId(): string | null {
    return this.t.sourceId;
  }

  getUniqueId(): string {
    return this.t.uniqueId;
  }
}

export interface ScriptAppOptions {
  clock: Clock;
  executions: Executions;
  triggers: TriggerTable;
  scriptId: string;
  /** The web-app URL once deployed (runtime.deployWebApp), else null. */
  webAppUrl(): string | null;
  /** Reads the id of a Spreadsheet object passed to forSpreadsheet, without counting it. */
  spreadsheetIdOf(spreadsheet: unknown): string;
}

/** The ScriptApp global. */
export function createScriptApp(o: ScriptAppOptions) {
  const { executions, triggers } = o;

  /** Trigger management needs the script.scriptapp scope, which simple triggers lack. */
  const authorized = (method: string): string => {
    executions.check();
    const ex = executions.require(`ScriptApp.${method}`);
    if (ex.kind === 'simple') {
      throw executions.exception(
        `You do not have permission to call ScriptApp.${method}. Required permissions: https://www.googleapis.com/auth/script.scriptapp`,
      );
    }
    return ex.effectiveUserEmail;
  };

  const install = (
    spec: Omit<InstalledTrigger, 'uniqueId' | 'ownerEmail' | 'createdMs' | 'lastFiredMs'>,
  ): Trigger => {
    const owner = authorized('newTrigger');
    if (triggers.ownedBy(owner).length >= MAX_TRIGGERS_PER_USER_PER_SCRIPT)
      throw executions.exception(TOO_MANY_TRIGGERS_MESSAGE);
    const now = o.clock.now();
    const t: InstalledTrigger = {
      ...spec,
      uniqueId: triggers.newId(),
      ownerEmail: owner,
      createdMs: now,
      lastFiredMs: now,
    };
    triggers.all.push(t);
    return new Trigger(t);
  };

  const positiveInt = (n: unknown, what: string): number => {
    const v = Number(n);
    if (!Number.isInteger(v) || v < 1) throw executions.exception(`Invalid argument: ${what}`);
    return v;
  };

  class ClockTriggerBuilder {
    private intervalMs?: number;

    constructor(private readonly handler: string) {}

    /** n must be 1, 5, 10, 15 or 30. */
    everyMinutes(n: number): ClockTriggerBuilder {
      executions.check();
      if (!(EVERY_MINUTES_ALLOWED as readonly number[]).includes(Number(n))) {
        throw executions.exception(
          `Invalid argument: everyMinutes(${String(n)}); n must be 1, 5, 10, 15 or 30`,
        );
      }
      this.intervalMs = Number(n) * 60_000;
      return this;
    }

    everyHours(n: number): ClockTriggerBuilder {
      executions.check();
      if (!(EVERY_HOURS_ALLOWED as readonly number[]).includes(Number(n))) {
        throw executions.exception(
          `Invalid argument: everyHours(${String(n)}); n must be 1, 2, 4, 6, 8 or 12`,
        );
      }
      this.intervalMs = Number(n) * 3_600_000;
      return this;
    }

    everyDays(n: number): ClockTriggerBuilder {
      executions.check();
      this.intervalMs = positiveInt(n, 'everyDays') * 86_400_000;
      return this;
    }

    /** Daily and weekly triggers only; hour 0-23 in the script's time zone (fires within that hour). */
    atHour(hour: number): ClockTriggerBuilder {
      executions.check();
      const h = Number(hour);
      if (!Number.isInteger(h) || h < 0 || h > 23)
        throw executions.exception(
          `Invalid argument: atHour(${String(hour)}); hour must be 0 to 23`,
        );
      if (this.intervalMs === undefined || this.intervalMs < 86_400_000) {
        throw executions.exception(
          'atHour() applies only to daily or weekly triggers: call everyDays() or everyWeeks() first',
        );
      }
      return this;
    }

    everyWeeks(n: number): ClockTriggerBuilder {
      executions.check();
      this.intervalMs = positiveInt(n, 'everyWeeks') * 7 * 86_400_000;
      return this;
    }

    create(): Trigger {
      executions.check();
      if (this.intervalMs === undefined) {
        throw executions.exception(
          'Invalid argument: a time-based trigger needs a schedule (everyMinutes, everyHours, ...) before create()',
        );
      }
      return install({
        handler: this.handler,
        eventType: 'CLOCK',
        source: 'CLOCK',
        sourceId: null,
        intervalMs: this.intervalMs,
      });
    }
  }

  class SpreadsheetTriggerBuilder {
    private eventType?: EventTypeName;

    constructor(
      private readonly handler: string,
      private readonly sourceId: string,
    ) {}

    private on(type: EventTypeName): SpreadsheetTriggerBuilder {
      executions.check();
      this.eventType = type;
      return this;
    }

    onOpen(): SpreadsheetTriggerBuilder {
      return this.on('ON_OPEN');
    }

    onEdit(): SpreadsheetTriggerBuilder {
      return this.on('ON_EDIT');
    }

    onChange(): SpreadsheetTriggerBuilder {
      return this.on('ON_CHANGE');
    }

    onFormSubmit(): SpreadsheetTriggerBuilder {
      return this.on('ON_FORM_SUBMIT');
    }

    create(): Trigger {
      executions.check();
      if (!this.eventType)
        throw executions.exception(
          'Invalid argument: a spreadsheet trigger needs an event (onOpen, onEdit, onChange, onFormSubmit) before create()',
        );
      return install({
        handler: this.handler,
        eventType: this.eventType,
        source: 'SPREADSHEETS',
        sourceId: this.sourceId,
      });
    }
  }

  class TriggerBuilder {
    constructor(private readonly handler: string) {}

    timeBased(): ClockTriggerBuilder {
      executions.check();
      return new ClockTriggerBuilder(this.handler);
    }

    /** Accepts a Spreadsheet or a spreadsheet id, like Apps Script. */
    forSpreadsheet(sheet: unknown): SpreadsheetTriggerBuilder {
      executions.check();
      const id = typeof sheet === 'string' ? sheet : o.spreadsheetIdOf(sheet);
      return new SpreadsheetTriggerBuilder(this.handler, id);
    }
  }

  return {
    EventType,
    TriggerSource,
    AuthMode,
    WeekDay,

    newTrigger(functionName: string): TriggerBuilder {
      authorized('newTrigger');
      return new TriggerBuilder(String(functionName));
    },

    getProjectTriggers(): Trigger[] {
      const owner = authorized('getProjectTriggers');
      return triggers.ownedBy(owner).map((t) => new Trigger(t));
    },

    /** The current user's triggers in this project for one spreadsheet. */
    getUserTriggers(spreadsheet: unknown): Trigger[] {
      const owner = authorized('getUserTriggers');
      const id = typeof spreadsheet === 'string' ? spreadsheet : o.spreadsheetIdOf(spreadsheet);
      return triggers
        .ownedBy(owner)
        .filter((t) => t.sourceId === id)
        .map((t) => new Trigger(t));
    },

    deleteTrigger(trigger: { getUniqueId(): string }): void {
      authorized('deleteTrigger');
      triggers.remove(String(trigger.getUniqueId()));
    },

    getService() {
      executions.check();
      return {
        getUrl: (): string | null => o.webAppUrl(),
        isEnabled: (): boolean => o.webAppUrl() !== null,
      };
    },

    getScriptId(): string {
      executions.check();
      return o.scriptId;
    },

    /** A stand-in OAuth access token, stable per runtime; never a real credential. */
    getOAuthToken(): string {
      executions.check();
      return `ya29.local-runtime-token-${o.scriptId}`;
    },
  };
}

/**
 * The event object of a time-driven trigger (guides/triggers/events#time-driven_events):
 * authMode, the firing instant broken down in UTC, timezone 'UTC', and triggerUid.
 */
export function clockEvent(atMs: number, triggerUid: string): Record<string, unknown> {
  const d = new Date(atMs);
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((atMs - jan1) / 86_400_000);
  return {
    authMode: AuthMode.FULL,
    'day-of-month': d.getUTCDate(),
    'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    month: d.getUTCMonth() + 1,
    second: d.getUTCSeconds(),
    timezone: 'UTC',
    triggerUid,
    'week-of-year': Math.floor(dayOfYear / 7) + 1,
    year: d.getUTCFullYear(),
  };
}
