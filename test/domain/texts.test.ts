/**
 * The texts tables: every key in both languages with the same kind of value, and the
 * helpers built on them (durations, localised deadlines, contact links, decisions).
 */
import fc from 'fast-check';
import { contactLinks } from '../../src/domain/contact-links';
import { decideOutcome } from '../../src/domain/outcome';
import { decidePass } from '../../src/domain/pass';
import { dayAndTime, LANGUAGES, TEXTS } from '../../src/domain/texts';
import { en } from '../../src/domain/texts/en';
import { id } from '../../src/domain/texts/id';
import { lead } from './fixtures';

describe('one table of texts per language', () => {
  test('every key exists in both tables, with the same kind of value and the same arity', () => {
    expect(Object.keys(id).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      const a = en[key];
      const b = id[key];
      expect([key, typeof b]).toEqual([key, typeof a]);
      if (typeof a === 'function' && typeof b === 'function')
        expect([key, b.length]).toEqual([key, a.length]);
      if (typeof a === 'string') expect([key, (b as string).length > 0]).toEqual([key, true]);
      if (Array.isArray(a)) expect([key, (b as string[]).length]).toEqual([key, a.length]);
    }
    expect(Object.keys(TEXTS).sort()).toEqual([...LANGUAGES].sort());
  });

  test('the Indonesian table is translated, not a copy of the English one', () => {
    const same = (Object.keys(en) as Array<keyof typeof en>).filter(
      (key) => typeof en[key] === 'string' && en[key] === id[key],
    );
    // Words that are the same in both: "Lead", "Email", "WhatsApp", the dash for none.
    expect(same.sort()).toEqual(['digestNone', 'labelEmail', 'labelLead', 'linkWhatsApp']);
  });

  test('button labels fit Slack plain_text button text (75 characters)', () => {
    for (const t of [en, id])
      for (const key of [
        'buttonContacted',
        'buttonPass',
        'buttonQualified',
        'buttonLost',
        'buttonTake',
        'reassignPlaceholder',
      ] as const)
        expect(t[key].length).toBeLessThanOrEqual(75);
  });

  test.each([
    [1, '1 minute', '1 menit'],
    [90, '90 minutes', '90 menit'],
    [120, '2 hours', '2 jam'],
    [150, '2 hours 30 minutes', '2 jam 30 menit'],
  ])('%d minutes reads "%s" / "%s"', (minutes, english, indonesian) => {
    expect(en.duration(minutes)).toBe(english);
    expect(id.duration(minutes)).toBe(indonesian);
  });

  test('deadlines name the local weekday in the language: Thu 2026-11-26 09:30 UTC is Kam 16:30 in Jakarta (UTC+7)', () => {
    const at = Date.UTC(2026, 10, 26, 9, 30);
    expect(dayAndTime(at, 0, en)).toBe('Thu 09:30');
    expect(dayAndTime(at, 7 * 60, id)).toBe('Kam 16:30');
    expect(dayAndTime(Date.UTC(2026, 10, 26, 20, 0), 7 * 60, en)).toBe('Fri 03:00');
  });

  test('property: the weekday and time agree with the UTC calendar shifted by the offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (ms, offset) => {
          const local = new Date(ms + offset * 60_000);
          const expected = `${en.weekdays[local.getUTCDay()]} ${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
          return dayAndTime(ms, offset, en) === expected;
        },
      ),
    );
  });
});

describe('contact links', () => {
  test('an Indonesian number: tel: and wa.me with a URL-encoded Bahasa greeting using the first name', () => {
    expect(contactLinks({ phone: '6281234567890', name: 'Budi Santoso' })).toEqual({
      tel: 'tel:+6281234567890',
      display: '+6281234567890',
      whatsApp: `https://wa.me/6281234567890?text=${encodeURIComponent(id.waGreeting('Budi'))}`,
    });
  });
  test('property: the link never carries a character that ends a Slack link (| or >) or a space', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const links = contactLinks({ phone: '6591234567', name });
        return links !== null && !/[|> ]/.test(links.whatsApp) && links.whatsApp.length < 3000;
      }),
    );
  });
  test('no valid phone, no links', () => {
    expect(contactLinks({ phone: '', name: 'Budi' })).toBeNull();
    expect(contactLinks({ phone: '0812', name: 'Budi' })).toBeNull();
  });
});

describe('who may pass or record an outcome', () => {
  const owner = 'UA1';
  test('pass: only the owner, only NEW, never an escalated lead', () => {
    const l = lead({ salesSlackId: owner, routeHistory: [owner] });
    expect(decidePass(l, owner, new Set())).toEqual({ ok: true });
    expect(decidePass(l, 'UB2', new Set())).toMatchObject({ ok: false, reason: 'NOT_OWNER' });
    expect(decidePass({ ...l, stage: 'CONTACTED' }, owner, new Set())).toMatchObject({
      reason: 'ALREADY_CONTACTED',
    });
    expect(decidePass(l, owner, new Set([l.leadId]))).toEqual({ ok: false, reason: 'ESCALATED' });
    expect(decidePass({ ...l, escalatedAt: 1 }, owner, new Set())).toEqual({
      ok: false,
      reason: 'ESCALATED',
    });
    expect(decidePass(undefined, owner, new Set())).toEqual({ ok: false, reason: 'UNKNOWN_LEAD' });
  });
  test('outcome: the owner or the manager, only while CONTACTED', () => {
    const l = lead({ salesSlackId: owner, stage: 'CONTACTED' });
    expect(decideOutcome(l, owner, 'UM1')).toEqual({ ok: true });
    expect(decideOutcome(l, 'UM1', 'UM1')).toEqual({ ok: true });
    expect(decideOutcome(l, 'UB2', 'UM1')).toMatchObject({ reason: 'NOT_OWNER_OR_MANAGER' });
    expect(decideOutcome(l, 'UB2', '')).toMatchObject({ reason: 'NOT_OWNER_OR_MANAGER' });
    expect(decideOutcome({ ...l, stage: 'NEW' }, owner, '')).toEqual({
      ok: false,
      reason: 'NOT_CONTACTED',
      stage: 'NEW',
    });
    expect(decideOutcome({ ...l, stage: 'closed lost' }, owner, '')).toEqual({
      ok: false,
      reason: 'OUTCOME_SET',
      stage: 'CLOSED_LOST',
    });
  });
});
