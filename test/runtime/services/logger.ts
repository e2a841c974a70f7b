/**
 * Logger and console: every line the bundle logs lands in one list, `runtime.logs`,
 * so tests can grep all of it (for example, for a leaked token). Nothing is printed to
 * the test output unless LOCAL_RUNTIME_VERBOSE=1.
 *
 * Logger.log(format, ...values) substitutes %s placeholders (reference/base/logger#log);
 * getLog() returns this execution's Logger lines and clear() empties them. console.*
 * go to Cloud Logging in Apps Script; here to the same list with their level.
 */
import type { Executions } from './executions';
import { formatTemplate, stringify } from './utilities';

export type LogLevel = 'Logger' | 'log' | 'info' | 'warn' | 'error' | 'debug' | 'uncaught';

export interface LogLine {
  level: LogLevel;
  text: string;
  /** Execution that logged it (0 between runs). */
  executionId: number;
  /** Fake-clock epoch ms. */
  atMs: number;
}

/** The runtime's log sink. */
export class LogSink {
  readonly lines: LogLine[] = [];
  /** Logger lines of the current execution, for Logger.getLog(). */
  private loggerBuffer: string[] = [];

  constructor(
    private readonly executions: Executions,
    private readonly now: () => number,
    private readonly verbose = process.env.LOCAL_RUNTIME_VERBOSE === '1',
  ) {}

  write(level: LogLevel, text: string): void {
    const line: LogLine = {
      level,
      text,
      executionId: this.executions.current()?.id ?? 0,
      atMs: this.now(),
    };
    this.lines.push(line);
    if (level === 'Logger') this.loggerBuffer.push(text);
    if (this.verbose) process.stderr.write(`[apps-script ${level} #${line.executionId}] ${text}\n`);
  }

  /** Starts a new execution's Logger buffer; returns the outer one for leaveExecution(). */
  enterExecution(): string[] {
    const outer = this.loggerBuffer;
    this.loggerBuffer = [];
    return outer;
  }

  /** Back to the outer execution's Logger buffer (nested runs). */
  leaveExecution(outer: string[]): void {
    this.loggerBuffer = outer;
  }

  loggerLines(): string[] {
    return [...this.loggerBuffer];
  }

  clearLogger(): void {
    this.loggerBuffer = [];
  }

  /** All log text, one line per entry, for grepping. */
  text(): string {
    return this.lines.map((l) => l.text).join('\n');
  }
}

/** The Logger global. */
export function createLogger(sink: LogSink, executions: Executions) {
  const logger = {
    log(data: unknown, ...values: unknown[]) {
      executions.check();
      sink.write(
        'Logger',
        values.length > 0 ? formatTemplate(String(data), values) : stringify(data),
      );
      return logger;
    },
    getLog(): string {
      executions.check();
      return sink
        .loggerLines()
        .map((l) => `${l}\n`)
        .join('');
    },
    clear(): void {
      executions.check();
      sink.clearLogger();
    },
  };
  return logger;
}

/** The console global: log, info, warn, error, debug. */
export function createConsole(sink: LogSink, executions: Executions) {
  const at =
    (level: LogLevel) =>
    (...args: unknown[]) => {
      executions.check();
      const text =
        typeof args[0] === 'string' && args.length > 1 && /%[sdifoj%]/.test(args[0])
          ? formatTemplate(args[0], args.slice(1))
          : args.map(stringify).join(' ');
      sink.write(level, text);
    };
  return {
    log: at('log'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    debug: at('debug'),
  };
}
