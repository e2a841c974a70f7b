/** The Log port in memory: every line kept with its level, for tests to read. */
import type { Log } from '../../src/app/ports';

export type Level = 'info' | 'warn' | 'error';

export class FakeLog implements Log {
  readonly lines: Array<{ level: Level; message: string }> = [];

  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }

  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }

  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }

  /** Messages at one level, in order. */
  at(level: Level): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }

  /** Everything logged, one line each (to check that no secret appears). */
  text(): string {
    return this.lines.map((l) => `${l.level} ${l.message}`).join('\n');
  }
}
