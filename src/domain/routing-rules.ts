/**
 * Routing rules, as admins keep them in the `routing_rules` sheet: each row names a lead
 * field (a form question title, or `source`, `email`, `phone`), an operator, a value, the
 * team that gets the lead and an optional SLA in minutes. The first active row that
 * matches, top to bottom, picks the team. Matching ignores case and the spaces around
 * both sides. A row that cannot be read (unknown operator, a `matches` pattern that is
 * not a valid regular expression, a bad `sla_minutes`) is reported and skipped; it never
 * stops a lead from being routed.
 */
import { parseActive } from './rep';

export const RULE_OPERATORS = ['equals', 'contains', 'starts_with', 'matches'] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** Lead fields a rule can name besides a form question title. */
export const LEAD_RULE_FIELDS = ['source', 'email', 'phone'] as const;

/** Longest SLA override, in minutes (30 days, as the `sla_minutes` setting). */
const MAX_SLA_MINUTES = 60 * 24 * 30;

/** One readable, active row of `routing_rules`. */
export interface RoutingRule {
  /** 1-based row in the sheet: how the lead and the log name the rule ("row 3"). */
  row: number;
  field: string;
  operator: RuleOperator;
  value: string;
  /** Team as typed; '' = every rep (a rule that only sets an SLA). */
  team: string;
  /** SLA for leads this rule picks, in minutes; null = the `sla_minutes` setting. */
  slaMinutes: number | null;
  /** Compiled `matches` pattern (case-insensitive); undefined for other operators. */
  pattern?: RegExp;
}

/** A row of the sheet as read: cells by header. */
export interface RuleRow {
  row: number;
  field: unknown;
  operator: unknown;
  value: unknown;
  team: unknown;
  slaMinutes: unknown;
  active: unknown;
}

export interface RuleProblem {
  row: number;
  text: string;
}

export interface RuleTable {
  /** Active, readable rules in sheet order. */
  rules: RoutingRule[];
  /** Rows skipped because they cannot be read (inactive rows are not problems). */
  problems: RuleProblem[];
}

const text = (value: unknown): string => String(value ?? '').trim();

/** A team name as compared: trimmed, lower case, inner spaces collapsed. */
export function teamKey(team: string): string {
  return team.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A `sales_sheet` `team` cell: comma-separated team names, as keys. */
export function parseTeams(cell: unknown): string[] {
  return [
    ...new Set(
      text(cell)
        .split(',')
        .map(teamKey)
        .filter((t) => t !== ''),
    ),
  ];
}

/**
 * Reads the sheet's rows. Rows whose `field` starts with `#` are comments (setup()
 * writes an example that way); rows not ticked active are off. Both are left out silently.
 */
export function readRules(rows: readonly RuleRow[]): RuleTable {
  const rules: RoutingRule[] = [];
  const problems: RuleProblem[] = [];
  for (const raw of rows) {
    const field = text(raw.field);
    if (field.startsWith('#') || !parseActive(raw.active)) continue;
    const at = `routing_rules row ${raw.row}`;
    if (!field) {
      problems.push({ row: raw.row, text: `${at} has no field; it is skipped` });
      continue;
    }
    const operator = text(raw.operator).toLowerCase().replace(/\s+/g, '_');
    if (!(RULE_OPERATORS as readonly string[]).includes(operator)) {
      problems.push({
        row: raw.row,
        text: `${at} has operator "${text(raw.operator)}"; it must be one of ${RULE_OPERATORS.join(', ')}; the rule is skipped`,
      });
      continue;
    }
    const value = text(raw.value);
    let pattern: RegExp | undefined;
    if (operator === 'matches') {
      try {
        pattern = new RegExp(value, 'i');
      } catch (err) {
        problems.push({
          row: raw.row,
          text: `${at}: "${value}" is not a valid regular expression (${err instanceof Error ? err.message : String(err)}); the rule is skipped`,
        });
        continue;
      }
    }
    const sla = text(raw.slaMinutes);
    const slaMinutes = sla === '' ? null : Number(sla);
    if (
      slaMinutes !== null &&
      (!/^\d+$/.test(sla) || slaMinutes < 1 || slaMinutes > MAX_SLA_MINUTES)
    ) {
      problems.push({
        row: raw.row,
        text: `${at} has sla_minutes "${sla}"; it must be empty or a whole number from 1 to ${MAX_SLA_MINUTES}; the rule is skipped`,
      });
      continue;
    }
    rules.push({
      row: raw.row,
      field,
      operator: operator as RuleOperator,
      value,
      team: text(raw.team).replace(/\s+/g, ' '),
      slaMinutes,
      pattern,
    });
  }
  return { rules, problems };
}

/**
 * What rules are matched against: answers by question title plus the lead's own
 * `source`, `email` and `phone` (which win over a question of the same title), keyed
 * trimmed and in lower case.
 */
export type RuleFields = ReadonlyMap<string, string>;

/**
 * Characters of an answer rules look at: the same as a parked response keeps, so a
 * response admitted late matches exactly as it would have at once; it also bounds the
 * work of an admin's `matches` pattern.
 */
export const RULE_FIELD_CHARS = 1_000;

/**
 * @param answers form answers by question title (the first answer when a question has several)
 * @param lead the lead's source ('form' for the Google Form), email and phone (62…, or as typed when it could not be read)
 */
export function ruleFields(
  answers: Readonly<Record<string, string>>,
  lead: { source: string; email: string; phone: string },
): RuleFields {
  const fields = new Map<string, string>();
  for (const [title, answer] of Object.entries(answers))
    if (!fields.has(title.trim().toLowerCase()))
      fields.set(title.trim().toLowerCase(), String(answer ?? '').slice(0, RULE_FIELD_CHARS));
  fields.set('source', lead.source.slice(0, RULE_FIELD_CHARS));
  fields.set('email', lead.email.slice(0, RULE_FIELD_CHARS));
  fields.set('phone', lead.phone.slice(0, RULE_FIELD_CHARS));
  return fields;
}

/** Whether one rule matches; a field the lead does not have reads as ''. */
export function ruleMatches(rule: RoutingRule, fields: RuleFields): boolean {
  const actual = (fields.get(rule.field.trim().toLowerCase()) ?? '').trim();
  if (rule.operator === 'matches')
    return (rule.pattern ?? new RegExp(rule.value, 'i')).test(actual);
  const have = actual.toLowerCase();
  const want = rule.value.trim().toLowerCase();
  switch (rule.operator) {
    case 'equals':
      return have === want;
    case 'contains':
      return have.includes(want);
    case 'starts_with':
      return have.startsWith(want);
  }
}

/** The first rule that matches, top to bottom; null = none (every rep, the default SLA). */
export function pickRule(rules: readonly RoutingRule[], fields: RuleFields): RoutingRule | null {
  return rules.find((rule) => ruleMatches(rule, fields)) ?? null;
}

/** How a lead and the log name a rule: "row 3". */
export function ruleName(rule: RoutingRule): string {
  return `row ${rule.row}`;
}

/** The rule in words, for the log: 'row 3 (Product equals "Solar")'. */
export function describeRule(rule: RoutingRule): string {
  return `${ruleName(rule)} (${rule.field} ${rule.operator} "${rule.value}")`;
}
