/** refreshDashboard over in-memory ports: the sweep's own changes show, failures never stop the sweep. */
import { refreshDashboard } from '../../src/app/dashboard';
import type { WorkbookSnapshot } from '../../src/app/ports';
import type { DashboardStats } from '../../src/domain/dashboard';
import { RoutingError } from '../../src/domain/errors';
import { fakeWorld } from '../fakes/services';
import { lead, rep, settings, T0 } from '../domain/fixtures';

function world(write: (stats: DashboardStats) => void = () => undefined) {
  const w = fakeWorld();
  const real = w.dashboard.write.bind(w.dashboard);
  w.dashboard.write = (stats, atMs) => {
    write(stats);
    real(stats, atMs);
  };
  const logs = {
    get lines(): string[] {
      return w.log.lines.map((l) => `${l.level} ${l.message}`);
    },
  };
  return { services: w.services, writes: w.dashboard.writes, logs };
}

const snapshot = (leads = [lead({ createdAt: T0 })]): WorkbookSnapshot => ({
  settings: new Map(),
  reps: [rep({ slackId: 'UAYU', name: 'Ayu' })],
  leads,
  state: new Map(),
  outbox: [],
  holidays: new Set(),
  duplicateLeadIds: [],
  rules: { rules: [], problems: [] },
});

describe('refreshDashboard', () => {
  test('writes the figures once, with the changes the sweep just applied', () => {
    const { services, writes } = world();
    const applied = [
      {
        leadId: 'L-20261126-AAAA0001',
        changes: {
          salesSlackId: 'UAYU',
          assignedSales: 'Ayu',
          routeCount: 1,
          assignedAt: T0,
          lastRoutedAt: T0,
          routeHistory: ['UAYU'],
        },
      },
    ];
    refreshDashboard(services, snapshot(), settings(), T0, applied);
    expect(writes).toHaveLength(1);
    expect(writes[0].atMs).toBe(T0);
    expect(writes[0].stats.reps).toEqual([
      {
        name: 'Ayu',
        slackId: 'UAYU',
        assignedToday: 1,
        assigned7d: 1,
        assigned30d: 1,
        contacted30d: 0,
        medianMinutesToContact: null,
        slaBreaches30d: 0,
        passed30d: 0,
        qualified30d: 0,
        lost30d: 0,
        openNow: 1,
      },
    ]);
    expect(writes[0].stats.overall.unassignedNow).toBe(0);
  });

  test('without the applied changes the snapshot is shown as read', () => {
    const { services, writes } = world();
    refreshDashboard(services, snapshot(), settings(), T0);
    expect(writes[0].stats.overall.unassignedNow).toBe(1);
    expect(writes[0].stats.reps[0]).toMatchObject({ slackId: 'UAYU', assignedToday: 0 });
  });

  test('a missing sheet is a warning, any other failure an error; neither is thrown', () => {
    const missing = world(() => {
      throw new RoutingError(
        'MISSING_SHEET',
        'Sheet "dashboard" is missing. Run Lead Routing → Set up to create it.',
      );
    });
    expect(() => refreshDashboard(missing.services, snapshot(), settings(), T0)).not.toThrow();
    expect(missing.logs.lines).toEqual([
      'warn dashboard not refreshed: Sheet "dashboard" is missing. Run Lead Routing → Set up to create it.',
    ]);
    const broken = world(() => {
      throw new TypeError('boom');
    });
    refreshDashboard(broken.services, snapshot(), settings(), T0);
    expect(broken.logs.lines).toEqual(['error dashboard not refreshed: TypeError: boom']);
  });

  test('services without a dashboard: nothing happens', () => {
    const { services, logs } = world();
    delete services.dashboard;
    expect(() => refreshDashboard(services, snapshot(), settings(), T0)).not.toThrow();
    expect(logs.lines).toEqual([]);
  });
});
