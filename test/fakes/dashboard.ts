/**
 * The DashboardWriter and DashboardBuilder ports in memory. Like the real sheet, writing
 * fails with MISSING_SHEET until setup() has built it (unless the test says it exists).
 */
import type { DashboardBuilder, DashboardWriter } from '../../src/app/ports';
import type { DashboardStats } from '../../src/domain/dashboard';
import { RoutingError } from '../../src/domain/errors';
import type { FakeLocalTime } from './local-time';

export class FakeDashboard implements DashboardWriter, DashboardBuilder {
  readonly writes: Array<{ stats: DashboardStats; atMs: number }> = [];

  constructor(
    private readonly zone: FakeLocalTime,
    public exists = true,
  ) {}

  dayOf(epochMs: number): string {
    return this.zone.day(epochMs);
  }

  write(stats: DashboardStats, atMs: number): void {
    if (!this.exists)
      throw new RoutingError(
        'MISSING_SHEET',
        'Sheet "dashboard" is missing. Run Lead Routing → Set up to create it.',
      );
    this.writes.push({ stats: structuredClone(stats), atMs });
  }

  build(): string[] {
    if (this.exists) return [];
    this.exists = true;
    return ['created sheet dashboard'];
  }
}
