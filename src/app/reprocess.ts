/**
 * "Reprocess form responses": takes in every response in the form's response sheet
 * that never became a lead (its trigger failed, timed out or was not installed yet).
 * Matching is by the submission fingerprint, so running it twice takes nothing twice.
 */
import { submissionKey } from '../domain/intake';
import { takeLead, type FormResponse, type IntakeResult } from './intake';
import type { Services } from './ports';

export interface ReprocessReport {
  responses: number;
  alreadyLeads: number;
  created: string[];
  blank: number;
}

export function reprocessResponses(services: Services, responses: readonly FormResponse[]): ReprocessReport {
  const known = new Set(services.workbook.load().leads.map((lead) => lead.submissionKey));
  const report: ReprocessReport = { responses: responses.length, alreadyLeads: 0, created: [], blank: 0 };
  for (const response of responses) {
    if (known.has(submissionKey(response.values))) {
      report.alreadyLeads++;
      continue;
    }
    const result: IntakeResult = takeLead(services, response);
    if (result.kind === 'CREATED') report.created.push(result.leadId);
    else if (result.kind === 'BLANK') report.blank++;
    else report.alreadyLeads++;
    known.add(submissionKey(response.values));
  }
  return report;
}
