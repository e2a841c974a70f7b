/**
 * Rows ↔ domain records. Reading forgives what admins type (numbers as text, dates as
 * serials, stray spaces); writing produces RAW cell values: text stays text (a name
 * like "=IMPORTXML(…)" is never a formula), times become date serials in the
 * spreadsheet's zone, empty is ''.
 */
import type { Lead } from '../domain/lead';
import type { OutboxItem } from '../domain/outbox';
import { parseActive, type Rep } from '../domain/rep';
import { parseTeams } from '../domain/routing-rules';
import type { CellValue, HeaderTable, TableRow } from './header-table';
import type { ZoneTime } from './zone-time';

/** Domain field → lead_sheet header. */
export const LEAD_FIELD_HEADERS: Record<keyof Lead, string> = {
  leadId: 'lead_id',
  name: 'name',
  phone: 'phone',
  stage: 'stage',
  assignedSales: 'assigned_sales',
  salesSlackId: 'sales_slack_id',
  routeCount: 'route_count',
  createdAt: 'created_at',
  assignedAt: 'assigned_at',
  lastRoutedAt: 'last_routed_at',
  contactedAt: 'contacted_at',
  email: 'email',
  phoneRaw: 'phone_raw',
  escalatedAt: 'escalated_at',
  slackChannel: 'slack_channel',
  slackTs: 'slack_ts',
  routeHistory: 'route_history',
  submissionKey: 'submission_key',
  submissionCount: 'submission_count',
  lastSubmittedAt: 'last_submitted_at',
  team: 'team',
  routingRule: 'routing_rule',
  slaMinutes: 'sla_minutes',
  source: 'source',
  answers: 'answers',
  passedBy: 'passed_by',
};

export const OUTBOX_FIELD_HEADERS: Record<keyof OutboxItem, string> = {
  id: 'id',
  leadId: 'lead_id',
  kind: 'kind',
  route: 'route',
  method: 'method',
  body: 'body',
  status: 'status',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  lastError: 'last_error',
  createdAt: 'created_at',
  sentAt: 'sent_at',
  toSlackId: 'to_slack_id',
  messageChannel: 'message_channel',
  messageTs: 'message_ts',
  button: 'button',
};

const LEAD_TIME_FIELDS = new Set<keyof Lead>([
  'createdAt',
  'assignedAt',
  'lastRoutedAt',
  'contactedAt',
  'escalatedAt',
  'lastSubmittedAt',
]);
const OUTBOX_TIME_FIELDS = new Set<keyof OutboxItem>(['nextAttemptAt', 'createdAt', 'sentAt']);

/** A number ≥ 0 from a cell, or the fallback when it is not one. */
function nonNegative<T extends number | null>(value: CellValue, fallback: T): number | T {
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

export class RowCodec {
  constructor(private readonly zone: ZoneTime) {}

  time(value: CellValue): number | null {
    if (typeof value === 'number' && Number.isFinite(value) && value > 0)
      return this.zone.fromSerial(value);
    return null;
  }

  /** A lead's own SLA: a whole number of minutes ≥ 1, else null (the setting applies). */
  slaMinutes(value: CellValue): number | null {
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    return String(value).trim() !== '' && Number.isInteger(n) && n >= 1 ? n : null;
  }

  count(value: CellValue): number {
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    return Number.isFinite(n) && n >= 0 ? Math.floor(n) : 0;
  }

  /** A value as a RAW cell: times as serials, lists space-separated, null as ''. */
  cell(value: unknown, isTime: boolean): CellValue {
    if (value === null || value === undefined) return '';
    if (isTime && typeof value === 'number') return this.zone.toSerial(value);
    if (value instanceof Date) return this.zone.toSerial(value.getTime());
    if (Array.isArray(value)) return value.join(' ');
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    return String(value);
  }

  /**
   * A value for a USER_ENTERED write: a Date as local date-time text, which Sheets turns
   * into a real date-time; text that Sheets would read as a formula gets an apostrophe.
   */
  typed(value: unknown): CellValue {
    if (value instanceof Date) return this.zone.dateTime(value.getTime());
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    const text = String(value ?? '');
    return /^[=+\-@']/.test(text) ? `'${text}` : text;
  }

  /** A sales_sheet row; `weight`, `max_open_leads`, `away_until` and `team` are optional columns. */
  rep(table: HeaderTable, row: TableRow, index: number): Rep {
    const optional = (header: string): CellValue =>
      table.has(header) ? table.get(row, header) : '';
    const weight = optional('weight');
    const cap = optional('max_open_leads');
    return {
      name: table.text(row, 'name'),
      email: table.text(row, 'email'),
      slackId: table.text(row, 'slack_id'),
      active: parseActive(table.get(row, 'active')),
      index,
      weight: String(weight).trim() === '' ? 1 : nonNegative(weight, 1),
      maxOpenLeads: String(cap).trim() === '' ? null : nonNegative(cap, null),
      awayUntil: this.time(optional('away_until')),
      teams: parseTeams(optional('team')),
    };
  }

  lead(table: HeaderTable, row: TableRow): Lead {
    const t = (h: string): string => table.text(row, h);
    return {
      leadId: t('lead_id'),
      name: t('name'),
      phone: t('phone'),
      phoneRaw: t('phone_raw'),
      email: t('email'),
      stage: t('stage'),
      assignedSales: t('assigned_sales'),
      salesSlackId: t('sales_slack_id'),
      routeCount: this.count(table.get(row, 'route_count')),
      createdAt: this.time(table.get(row, 'created_at')),
      assignedAt: this.time(table.get(row, 'assigned_at')),
      lastRoutedAt: this.time(table.get(row, 'last_routed_at')),
      contactedAt: this.time(table.get(row, 'contacted_at')),
      escalatedAt: this.time(table.get(row, 'escalated_at')),
      slackChannel: t('slack_channel'),
      slackTs: t('slack_ts'),
      routeHistory: t('route_history')
        .split(/[\s,]+/)
        .filter(Boolean),
      submissionKey: t('submission_key'),
      submissionCount: Math.max(1, this.count(table.get(row, 'submission_count'))),
      lastSubmittedAt: this.time(table.get(row, 'last_submitted_at')),
      team: t('team'),
      routingRule: t('routing_rule'),
      slaMinutes: this.slaMinutes(table.get(row, 'sla_minutes')),
      source: t('source'),
      answers: String(table.get(row, 'answers')),
      passedBy: t('passed_by')
        .split(/[\s,]+/)
        .filter(Boolean),
    };
  }

  outbox(table: HeaderTable, row: TableRow): OutboxItem {
    const t = (h: string): string => table.text(row, h);
    return {
      id: t('id'),
      leadId: t('lead_id'),
      kind: t('kind') as OutboxItem['kind'],
      route: this.count(table.get(row, 'route')),
      method: t('method') as OutboxItem['method'],
      body: String(table.get(row, 'body')),
      status: t('status') as OutboxItem['status'],
      attempts: this.count(table.get(row, 'attempts')),
      nextAttemptAt: this.time(table.get(row, 'next_attempt_at')),
      lastError: t('last_error'),
      createdAt: this.time(table.get(row, 'created_at')) ?? 0,
      sentAt: this.time(table.get(row, 'sent_at')),
      toSlackId: t('to_slack_id'),
      messageChannel: t('message_channel'),
      messageTs: t('message_ts'),
      button: t('button') === 'LIVE' ? 'LIVE' : '',
    };
  }

  /** Lead fields as header → RAW cell. */
  leadCells(changes: Partial<Lead>): Map<string, CellValue> {
    const cells = new Map<string, CellValue>();
    for (const [field, value] of Object.entries(changes) as Array<[keyof Lead, unknown]>) {
      cells.set(LEAD_FIELD_HEADERS[field], this.cell(value, LEAD_TIME_FIELDS.has(field)));
    }
    return cells;
  }

  outboxCells(changes: Partial<OutboxItem>): Map<string, CellValue> {
    const cells = new Map<string, CellValue>();
    for (const [field, value] of Object.entries(changes) as Array<[keyof OutboxItem, unknown]>) {
      cells.set(OUTBOX_FIELD_HEADERS[field], this.cell(value, OUTBOX_TIME_FIELDS.has(field)));
    }
    return cells;
  }
}
