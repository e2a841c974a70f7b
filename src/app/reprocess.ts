/**
 * "Reprocess form responses": admits every response in the form's response sheet
 * that never became a lead (its trigger failed, timed out or was not installed yet).
 * Matching is by the submission fingerprint, so running it twice admits nothing twice.
 */
import { responseFingerprint } from '../domain/intake';
import { formFields } from '../domain/settings';
import { admitResponse, type IntakeResult } from './intake';
import type { FormResponse, Services } from './ports';

export interface ReprocessReport {
  responses: number;
  alreadyLeads: number;
  created: string[];
  blank: number;
}

export function reprocessResponses(
  services: Services,
  responses: readonly FormResponse[],
): ReprocessReport {
  const snapshot = services.workbook.load();
  const fields = formFields(snapshot.settings);
  // Responses already admitted: by a lead still in lead_sheet (merged ones too) or archived.
  const known = new Set([
    ...snapshot.leads.flatMap((lead) => lead.submissionKey.split(/\s+/)),
    ...services.workbook.archivedSubmissionKeys(),
  ]);
  const report: ReprocessReport = {
    responses: responses.length,
    alreadyLeads: 0,
    created: [],
    blank: 0,
  };
  for (const response of responses) {
    const key = responseFingerprint(response.namedValues, response.values, fields);
    if (known.has(key)) {
      report.alreadyLeads++;
      continue;
    }
    const result: IntakeResult = admitResponse(services, response);
    if (result.kind === 'CREATED') report.created.push(result.leadId);
    else if (result.kind === 'BLANK') report.blank++;
    else report.alreadyLeads++;
    known.add(key);
  }
  return report;
}
