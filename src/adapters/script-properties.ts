/**
 * Secrets and ids in Script Properties. Secrets never leave this file except to the
 * code that uses them: they are not logged, written to a sheet, or returned by doGet.
 */
import type { Secrets } from '../app/ports';

export const PROPERTY = {
  botToken: 'SLACK_BOT_TOKEN',
  verificationToken: 'SLACK_VERIFICATION_TOKEN',
  webappSecret: 'WEBAPP_SECRET',
  intakeSecret: 'INTAKE_SECRET',
  spreadsheetId: 'SPREADSHEET_ID',
} as const;

export class ScriptPropertiesSecrets implements Secrets {
  private readonly props: Record<string, string>;

  constructor() {
    this.props = PropertiesService.getScriptProperties().getProperties();
  }

  botToken(): string {
    return (this.props[PROPERTY.botToken] ?? '').trim();
  }

  verificationToken(): string {
    return (this.props[PROPERTY.verificationToken] ?? '').trim();
  }

  webappSecret(): string {
    return (this.props[PROPERTY.webappSecret] ?? '').trim();
  }

  intakeSecret(): string {
    return (this.props[PROPERTY.intakeSecret] ?? '').trim();
  }

  spreadsheetId(): string {
    return (this.props[PROPERTY.spreadsheetId] ?? '').trim();
  }
}
