/**
 * Connect Slack's view of Script Properties: the three Slack secrets, read and written
 * by role. Values are never logged and never returned to the sidebar page.
 */
import type { SlackSecretName, SlackSecretStore } from '../app/ports';
import { PROPERTY } from './script-properties';

const NAMES: Record<SlackSecretName, string> = {
  botToken: PROPERTY.botToken,
  verificationToken: PROPERTY.verificationToken,
  webappSecret: PROPERTY.webappSecret,
};

export class ScriptPropertiesSlackSecrets implements SlackSecretStore {
  private readonly props = PropertiesService.getScriptProperties();

  get(name: SlackSecretName): string {
    return (this.props.getProperty(NAMES[name]) ?? '').trim();
  }

  set(values: Partial<Record<SlackSecretName, string>>): void {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(values))
      if (value !== undefined) out[NAMES[name as SlackSecretName]] = value;
    // setProperties(props) without deleteAllOthers keeps every other property.
    this.props.setProperties(out);
  }
}
