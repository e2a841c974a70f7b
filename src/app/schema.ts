/**
 * The sheets of the public contract and our own: names, headers in the order setup()
 * writes them, and which columns hold dates or plain text. Columns are always found by
 * header, so admins may reorder them or add their own.
 */

export const SHEETS = {
  sales: 'sales_sheet',
  leads: 'lead_sheet',
  state: 'routing_state_sheet',
  settings: 'settings',
  log: 'routing_log',
  outbox: 'slack_outbox',
  archive: 'lead_archive',
  holidays: 'holidays',
  rules: 'routing_rules',
} as const;

export type SheetName = (typeof SHEETS)[keyof typeof SHEETS];

/** The seed's columns first, in the seed's order; then ours. */
export const LEAD_HEADERS = [
  'lead_id',
  'name',
  'phone',
  'stage',
  'assigned_sales',
  'sales_slack_id',
  'route_count',
  'created_at',
  'assigned_at',
  'last_routed_at',
  'contacted_at',
  'email',
  'phone_raw',
  'escalated_at',
  'slack_channel',
  'slack_ts',
  'route_history',
  'submission_key',
  'submission_count',
  'last_submitted_at',
  'team',
  'routing_rule',
  'sla_minutes',
  'source',
  'answers',
  'passed_by',
] as const;

/** The contract's columns: a sheet without one of them cannot be routed from. */
export const SALES_REQUIRED = ['name', 'email', 'slack_id', 'active'] as const;
/**
 * What setup() writes: the contract's columns and `team` (optional when read: a sheet
 * without it routes every lead to every rep). `weight`, `max_open_leads` and
 * `away_until` are optional columns an admin adds.
 */
export const SALES_HEADERS = [...SALES_REQUIRED, 'team'] as const;
export const STATE_HEADERS = ['key', 'value'] as const;
export const SETTINGS_HEADERS = ['key', 'value', 'description'] as const;
export const LOG_HEADERS = [
  'at',
  'lead_id',
  'event',
  'from_slack_id',
  'to_slack_id',
  'actor',
  'detail',
] as const;
export const OUTBOX_HEADERS = [
  'id',
  'lead_id',
  'kind',
  'route',
  'method',
  'body',
  'status',
  'attempts',
  'next_attempt_at',
  'last_error',
  'created_at',
  'sent_at',
  'to_slack_id',
  'message_channel',
  'message_ts',
  'button',
] as const;

/** lead_archive: every lead_sheet column (admins' own too, added as met), then when it moved. */
export const ARCHIVE_HEADERS = [...LEAD_HEADERS, 'archived_at'] as const;

export const HOLIDAY_HEADERS = ['date', 'name'] as const;

/** routing_rules: one rule a row; the first active row that matches picks the team. */
export const RULE_HEADERS = [
  'field',
  'operator',
  'value',
  'team',
  'sla_minutes',
  'active',
] as const;

export const HEADERS: Record<SheetName, readonly string[]> = {
  [SHEETS.rules]: RULE_HEADERS,
  [SHEETS.holidays]: HOLIDAY_HEADERS,
  [SHEETS.archive]: ARCHIVE_HEADERS,
  [SHEETS.sales]: SALES_HEADERS,
  [SHEETS.leads]: LEAD_HEADERS,
  [SHEETS.state]: STATE_HEADERS,
  [SHEETS.settings]: SETTINGS_HEADERS,
  [SHEETS.log]: LOG_HEADERS,
  [SHEETS.outbox]: OUTBOX_HEADERS,
};

/** A lead's date-time columns: the same in lead_sheet and lead_archive. */
const LEAD_DATE_COLUMNS = [
  'created_at',
  'assigned_at',
  'last_routed_at',
  'contacted_at',
  'escalated_at',
  'last_submitted_at',
] as const;

/** A lead's text columns: the same in lead_sheet and lead_archive. */
const LEAD_TEXT_COLUMNS = [
  'lead_id',
  'name',
  'phone',
  'assigned_sales',
  'sales_slack_id',
  'email',
  'phone_raw',
  'slack_channel',
  'slack_ts',
  'route_history',
  'submission_key',
  'team',
  'routing_rule',
  'source',
  'answers',
  'passed_by',
] as const;

/** Columns shown as date-times in the spreadsheet's time zone. */
export const DATE_COLUMNS: Record<SheetName, readonly string[]> = {
  [SHEETS.rules]: [],
  [SHEETS.holidays]: [],
  [SHEETS.archive]: [...LEAD_DATE_COLUMNS, 'archived_at'],
  [SHEETS.sales]: [],
  [SHEETS.leads]: LEAD_DATE_COLUMNS,
  [SHEETS.state]: [],
  [SHEETS.settings]: [],
  [SHEETS.log]: ['at'],
  [SHEETS.outbox]: ['next_attempt_at', 'created_at', 'sent_at'],
};

/** Columns that must stay text whatever is typed in them (`@` format). */
export const TEXT_COLUMNS: Record<SheetName, readonly string[]> = {
  // value stays text: "0812" or "1e3" typed as a rule's value must not become a number.
  [SHEETS.rules]: ['field', 'operator', 'value', 'team'],
  [SHEETS.holidays]: ['name'],
  [SHEETS.archive]: LEAD_TEXT_COLUMNS,
  [SHEETS.sales]: ['name', 'email', 'slack_id', 'team'],
  [SHEETS.leads]: LEAD_TEXT_COLUMNS,
  [SHEETS.state]: ['key'],
  [SHEETS.settings]: ['key', 'description'],
  [SHEETS.log]: ['lead_id', 'event', 'from_slack_id', 'to_slack_id', 'actor', 'detail'],
  [SHEETS.outbox]: [
    'id',
    'lead_id',
    'kind',
    'method',
    'body',
    'status',
    'last_error',
    'to_slack_id',
    'message_channel',
    'message_ts',
    'button',
  ],
};
