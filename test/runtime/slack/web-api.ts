/**
 * The https://slack.com/api/<method> endpoint: method lookup, body parsing, auth, rate
 * limits, then the method itself. Like Slack, every API-level failure is HTTP 200 with
 * { ok: false, error }; only rate limiting changes the status (429 + Retry-After, body
 * error "ratelimited"). An unknown method is reported before auth is checked
 * ({ ok:false, error:'unknown_method', req_method }), as the real API does.
 */
import { METHODS, resolvePostTarget, type MethodBody, type MethodContext } from './chat-methods';
import type { ParsedArgs } from './request-args';
import { TokenBuckets, type BucketShape } from './token-bucket';
import type { HttpResult, PostMessageRateLimit } from './types';

export const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

/** Tiered methods: Tier 3 "50+ per minute", Tier 4 "100+ per minute", per workspace. */
const TIERS: Record<string, BucketShape> = {
  'chat.update': { capacity: 50, perSecond: 50 / 60 },
  'chat.postEphemeral': { capacity: 100, perSecond: 100 / 60 },
  'auth.test': { capacity: 100, perSecond: 100 / 60 },
};

export const DEFAULT_POST_MESSAGE_LIMIT: PostMessageRateLimit = { burst: 3, perSecond: 1 };

export class WebApi {
  private readonly perChannel: TokenBuckets;
  private readonly perMethod = new Map<string, TokenBuckets>();

  constructor(
    private readonly ctx: MethodContext,
    private readonly botToken: string,
    postMessageLimit: PostMessageRateLimit,
  ) {
    this.perChannel = new TokenBuckets(ctx.clock, {
      capacity: postMessageLimit.burst,
      perSecond: postMessageLimit.perSecond,
    });
    for (const [method, shape] of Object.entries(TIERS))
      this.perMethod.set(method, new TokenBuckets(ctx.clock, shape));
  }

  handle(method: string, parsed: ParsedArgs): HttpResult {
    const handler = METHODS[method];
    if (!handler) return json({ ok: false, error: 'unknown_method', req_method: method });
    if (parsed.error) return json({ ok: false, error: parsed.error });
    if (parsed.token === undefined) return json({ ok: false, error: 'not_authed' });
    if (parsed.token !== this.botToken) return json({ ok: false, error: 'invalid_auth' });

    const limited = this.rateLimit(method, parsed.args);
    if (limited !== undefined) return limited;

    const body = handler(parsed.args, this.ctx);
    if (parsed.warnings.length > 0) {
      body.warning = parsed.warnings.join(',');
      const metadata = (body.response_metadata as Record<string, unknown> | undefined) ?? {};
      body.response_metadata = { ...metadata, warnings: parsed.warnings };
    }
    return json(body);
  }

  private rateLimit(method: string, args: Record<string, unknown>): HttpResult | undefined {
    let taken;
    if (method === 'chat.postMessage') {
      const ref = typeof args.channel === 'string' ? args.channel : undefined;
      if (ref === undefined) return undefined;
      const target = resolvePostTarget(this.ctx.workspace, ref);
      taken = this.perChannel.take(typeof target === 'string' ? ref : target.id);
    } else {
      const buckets = this.perMethod.get(method);
      if (!buckets) return undefined;
      taken = buckets.take(method);
    }
    return taken.ok ? undefined : rateLimited(taken.retryAfterSeconds);
  }
}

export function json(body: MethodBody, status = 200): HttpResult {
  return { status, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) };
}

export function rateLimited(retryAfterSeconds: number): HttpResult {
  return {
    status: 429,
    headers: { ...JSON_HEADERS, 'Retry-After': String(retryAfterSeconds) },
    body: JSON.stringify({ ok: false, error: 'ratelimited' }),
  };
}
