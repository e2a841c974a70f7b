import { findDuplicate } from '../../src/domain/duplicates';
import type { LeadDraft } from '../../src/domain/intake';
import { lead, T0 } from './fixtures';

const DAY = 86_400_000;
const draft = (over: Partial<LeadDraft> = {}): LeadDraft => ({
  name: 'Budi',
  phone: '6281234567890',
  phoneRaw: '0812-3456-7890',
  email: '',
  phoneOk: true,
  ...over,
});

describe('returning leads', () => {
  test('the same phone as a NEW lead within the window is merged into it', () => {
    const existing = lead({ leadId: 'L-1', createdAt: T0 - 29 * DAY });
    expect(findDuplicate(draft(), [existing], T0, 30)).toEqual({ kind: 'MERGE', lead: existing });
  });
  test('the same email (any case) as a CONTACTED lead is merged too', () => {
    const existing = lead({
      leadId: 'L-1',
      phone: '',
      email: 'Budi@Example.com',
      stage: 'CONTACTED',
    });
    expect(
      findDuplicate(draft({ phone: '', email: 'budi@example.com' }), [existing], T0, 30)?.kind,
    ).toBe('MERGE');
  });
  test('a closed lead is not merged: the new lead goes back to its previous owner', () => {
    const existing = lead({ leadId: 'L-1', stage: 'QUALIFIED', salesSlackId: 'UA2' });
    expect(findDuplicate(draft(), [existing], T0, 30)).toEqual({
      kind: 'RETURNING',
      previousOwner: 'UA2',
      lead: existing,
    });
  });
  test('an open lead older than the window is returning, not merged', () => {
    const existing = lead({ leadId: 'L-1', createdAt: T0 - 31 * DAY, salesSlackId: 'UA2' });
    expect(findDuplicate(draft(), [existing], T0, 30)?.kind).toBe('RETURNING');
  });
  test('window 0 never merges', () => {
    expect(findDuplicate(draft(), [lead({ salesSlackId: 'UA1' })], T0, 0)?.kind).toBe('RETURNING');
  });
  test('no shared phone or email: no match; an empty email never matches', () => {
    expect(
      findDuplicate(draft({ phone: '6281111111111' }), [lead({ email: '' })], T0, 30),
    ).toBeNull();
  });
});
