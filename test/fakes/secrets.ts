/** The Secrets port in memory: Script Properties' tokens, '' when not set. */
import type { Secrets } from '../../src/app/ports';

export class FakeSecrets implements Secrets {
  constructor(
    public verification = 'verification-token-test',
    public secret = '',
    public intake = '',
  ) {}

  verificationToken(): string {
    return this.verification;
  }

  webappSecret(): string {
    return this.secret;
  }

  intakeSecret(): string {
    return this.intake;
  }
}
