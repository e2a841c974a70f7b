/**
 * Session: the script time zone and who is running the code.
 *
 * Identity follows the execution (see executions.ts): a web app deployed "execute as
 * me, anyone anonymous" has an empty active user and the deployer as effective user;
 * an installable trigger runs as its installer. "If security policies do not allow
 * access to the user's identity, User.getEmail() returns a blank string"
 * (reference/base/session#getActiveUser).
 */
import { createHash } from 'node:crypto';
import type { Executions } from './executions';

export class User {
  constructor(private readonly email: string) {}

  getEmail(): string {
    return this.email;
  }

  toString(): string {
    return this.email;
  }
}

export interface SessionOptions {
  executions: Executions;
  timeZone: string;
  /** Used between runs (no current execution). */
  ownerEmail: string;
  locale?: string;
}

/** The Session global. */
export function createSession(o: SessionOptions) {
  const { executions } = o;
  const ex = () => {
    executions.check();
    return executions.current();
  };
  return {
    getScriptTimeZone(): string {
      executions.check();
      return o.timeZone;
    },
    getActiveUser(): User {
      return new User(ex()?.activeUserEmail ?? o.ownerEmail);
    },
    getEffectiveUser(): User {
      return new User(ex()?.effectiveUserEmail ?? o.ownerEmail);
    },
    getActiveUserLocale(): string {
      executions.check();
      return o.locale ?? 'en';
    },
    /**
     * "A temporary key that is unique to the active user but does not reveal the user
     * identity"; it rotates every 30 days. Stable per user here; '' for an anonymous
     * visitor, who has no identity to key.
     */
    getTemporaryActiveUserKey(): string {
      const email = ex()?.activeUserEmail ?? o.ownerEmail;
      if (!email) return '';
      return createHash('sha256').update(`temporary-key:${email}`).digest('base64').slice(0, 43);
    },
  };
}
