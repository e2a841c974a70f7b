import {
  assignmentMessage,
  contactedMessage,
  LOST_ACTION,
  MARK_CONTACTED_ACTION,
  openLeadsMessage,
  PASS_ACTION,
  QUALIFIED_ACTION,
} from '../../src/domain/messages';
import { escapeMrkdwn, durationInWords } from '../../src/domain/slack-text';
import { en } from '../../src/domain/texts/en';
import { lead } from './fixtures';

describe('Slack messages', () => {
  const ctx = { ownerSlackId: 'UA1', slaMinutes: 60, deadlineText: 'Thu 10:00' };

  test('the assignment message carries a primary Mark as CONTACTED button whose value is the lead id', () => {
    const message = assignmentMessage(lead(), ctx, en);
    const actions = message.blocks.find((b) => b.type === 'actions');
    expect(actions).toMatchObject({
      elements: [
        {
          type: 'button',
          style: 'primary',
          action_id: MARK_CONTACTED_ACTION,
          value: lead().leadId,
          text: { text: 'Mark as CONTACTED' },
        },
        { type: 'button', action_id: PASS_ACTION, value: lead().leadId },
      ],
    });
    expect(message.text).toContain('Please contact within 60 minutes');
    expect(JSON.stringify(message.blocks)).toContain('by Thu 10:00');
  });

  test.each(['<!channel>', '<@U123>', '<https://evil|click>', 'A & B'])(
    'a lead named %s reaches Slack escaped',
    (name) => {
      const message = assignmentMessage(lead({ name }), ctx, en);
      const all = message.text + JSON.stringify(message.blocks);
      expect(all).not.toContain(name.includes('<') ? name : '& B');
      expect(all).toContain(escapeMrkdwn(name));
    },
  );

  test('an unreadable phone is flagged for checking', () => {
    expect(
      JSON.stringify(assignmentMessage(lead({ phone: '', phoneRaw: 'call me' }), ctx, en).blocks),
    ).toContain('number needs checking');
  });

  test('the contacted message has no Mark as CONTACTED button, only the outcome buttons', () => {
    const message = contactedMessage(lead(), 'UA1', 12, 12, en);
    const ids = message.blocks.flatMap((b) =>
      b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : [],
    );
    expect(ids).toEqual([QUALIFIED_ACTION, LOST_ACTION]);
  });

  test.each([
    [1, '1 minute'],
    [60, '60 minutes'],
    [120, '2 hours'],
    [150, '2 hours 30 minutes'],
  ])('%d minutes reads as "%s"', (minutes, words) => {
    expect(durationInWords(minutes)).toBe(words);
  });
});

describe('the /leads list', () => {
  const listed = [{ lead: lead({ leadId: 'L-1' }), timeLeft: '5 minutes left' }];

  test('read while rows moved: a line says a lead may be missing, and an empty list never says "no open leads"', () => {
    const moved = openLeadsMessage(listed, 0, en, true);
    expect(moved.text).toBe(en.openLeadsTitle(1));
    expect(JSON.stringify(moved.blocks)).toContain(en.openLeadsMoved);
    const empty = openLeadsMessage([], 0, en, true);
    expect(empty.text).toBe(en.openLeadsMoved);
    expect(JSON.stringify(empty.blocks)).not.toContain(en.noOpenLeads);
  });

  test('read whole: no such line', () => {
    expect(JSON.stringify(openLeadsMessage(listed, 0, en).blocks)).not.toContain(en.openLeadsMoved);
    expect(openLeadsMessage([], 0, en).text).toBe(en.noOpenLeads);
  });
});
