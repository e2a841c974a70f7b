/**
 * The rewrite of a message whose buttons no longer act speaks the team's language
 * (setting `language`), like every other Slack text.
 */
import { buttonGoneMessage } from '../../src/domain/button-messages';
import { en } from '../../src/domain/texts/en';
import { id } from '../../src/domain/texts/id';
import { lead } from './fixtures';

const item = { leadId: 'L-1', kind: 'ASSIGNMENT' as const, toSlackId: 'U1' };

describe('buttonGoneMessage', () => {
  test.each([
    ['contacted', lead({ leadId: 'L-1', stage: 'CONTACTED', salesSlackId: 'U1' }), 'goneContacted'],
    ['closed', lead({ leadId: 'L-1', stage: 'QUALIFIED', salesSlackId: 'U1' }), 'goneStage'],
    [
      'newer message',
      lead({ leadId: 'L-1', stage: 'NEW', salesSlackId: 'U1' }),
      'goneNewerMessage',
    ],
  ] as const)('%s: English by default table, Indonesian with id', (_name, now, key) => {
    const english = buttonGoneMessage(item, now, en).text;
    const indonesian = buttonGoneMessage(item, now, id).text;
    expect(english).toBe(
      key === 'goneContacted'
        ? en.goneContacted(`${now.name} (L-1)`, '<@U1>')
        : key === 'goneStage'
          ? en.goneStage(`${now.name} (L-1)`, 'QUALIFIED')
          : en.goneNewerMessage(`${now.name} (L-1)`),
    );
    expect(indonesian).not.toBe(english);
    expect(indonesian).toContain('L-1');
  });

  test('a lead gone from the sheet', () => {
    expect(buttonGoneMessage(item, undefined, id).text).toBe(id.goneNotInSheet('L-1'));
    expect(buttonGoneMessage(item, undefined, en).text).toBe(en.goneNotInSheet('L-1'));
  });

  test('the escalation handed over names the new owner in both languages', () => {
    const now = lead({ leadId: 'L-1', stage: 'NEW', salesSlackId: 'U9' });
    const esc = { ...item, kind: 'ESCALATION' as const, toSlackId: 'UM' };
    expect(buttonGoneMessage(esc, now, en).text).toContain('<@U9>');
    expect(buttonGoneMessage(esc, now, id).text).toBe(
      id.goneHandedOver(`${now.name} (L-1)`, '<@U9>'),
    );
  });
});
