/**
 * Block Kit checks Slack applies before accepting a message: known block and element
 * types, required fields and documented length limits. Failures come back the way
 * Slack words them in `response_metadata.messages`:
 * "[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]".
 *
 * Limits (Block Kit reference): 50 blocks per message; block_id and action_id ≤ 255;
 * section text ≤ 3000, fields ≤ 10 of ≤ 2000; header plain_text ≤ 150; context ≤ 10
 * elements; actions ≤ 25 elements; button text plain_text ≤ 75, value ≤ 2000, url ≤ 3000,
 * style primary|danger; image alt_text ≤ 2000; markdown block text ≤ 12000.
 */
import type { SlackBlock } from './types';

export type BlocksCheck =
  | { kind: 'ok'; blocks: SlackBlock[] | undefined }
  /** Not JSON, or not an array: Slack answers invalid_blocks_format. */
  | { kind: 'format' }
  | { kind: 'invalid'; messages: string[] };

const BLOCK_TYPES = new Set([
  'actions',
  'context',
  'context_actions',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'table',
  'video',
]);

const INTERACTIVE_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'overflow',
  'radio_buttons',
  'timepicker',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
  'workflow_button',
  'rich_text_input',
  'plain_text_input',
  'feedback_buttons',
  'icon_button',
  'email_text_input',
  'number_input',
  'url_text_input',
]);

/** Accepts blocks as sent: a JSON string (form bodies) or an array (JSON bodies). */
export function checkBlocks(raw: unknown): BlocksCheck {
  if (raw === undefined || raw === null || raw === '') return { kind: 'ok', blocks: undefined };
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { kind: 'format' };
    }
  }
  if (!Array.isArray(value)) return { kind: 'format' };
  const errors: string[] = [];
  if (value.length > 50) errors.push(err('no more than 50 items allowed', '/blocks'));
  const blockIds = new Set<string>();
  value.forEach((block, i) => checkBlock(block, `/blocks/${i}`, blockIds, errors));
  return errors.length > 0
    ? { kind: 'invalid', messages: errors }
    : { kind: 'ok', blocks: value as SlackBlock[] };
}

function err(what: string, pointer: string): string {
  return `[ERROR] ${what} [json-pointer:${pointer}]`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function maxLength(value: unknown, max: number, pointer: string, errors: string[]): void {
  if (typeof value === 'string' && value.length > max)
    errors.push(err(`must be less than ${max + 1} characters`, pointer));
}

function checkBlock(block: unknown, at: string, blockIds: Set<string>, errors: string[]): void {
  if (!isObject(block) || typeof block.type !== 'string') {
    errors.push(err('missing required field: type', `${at}/type`));
    return;
  }
  if (!BLOCK_TYPES.has(block.type)) {
    errors.push(err(`unsupported type: ${block.type}`, `${at}/type`));
    return;
  }
  if (block.block_id !== undefined) {
    if (typeof block.block_id !== 'string') errors.push(err('must be a string', `${at}/block_id`));
    else {
      maxLength(block.block_id, 255, `${at}/block_id`, errors);
      if (blockIds.has(block.block_id))
        errors.push(err(`duplicate block_id: ${block.block_id}`, `${at}/block_id`));
      blockIds.add(block.block_id);
    }
  }
  switch (block.type) {
    case 'section':
      if (block.text === undefined && block.fields === undefined)
        errors.push(err('must provide either text or fields', at));
      if (block.text !== undefined) checkTextObject(block.text, `${at}/text`, 3000, errors);
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) errors.push(err('must be an array', `${at}/fields`));
        else {
          if (block.fields.length > 10)
            errors.push(err('no more than 10 items allowed', `${at}/fields`));
          block.fields.forEach((f, i) => checkTextObject(f, `${at}/fields/${i}`, 2000, errors));
        }
      }
      if (block.accessory !== undefined)
        checkElement(block.accessory, `${at}/accessory`, new Set(), errors);
      break;
    case 'header':
      checkTextObject(block.text, `${at}/text`, 150, errors, 'plain_text');
      break;
    case 'context':
      checkElementList(block.elements, at, 10, errors, (el, p) => {
        if (isObject(el) && el.type === 'image') checkImage(el, p, errors);
        else checkTextObject(el, p, 3000, errors);
      });
      break;
    case 'actions': {
      const actionIds = new Set<string>();
      checkElementList(block.elements, at, 25, errors, (el, p) =>
        checkElement(el, p, actionIds, errors),
      );
      break;
    }
    case 'image':
      checkImage(block, at, errors);
      break;
    case 'markdown':
      if (typeof block.text !== 'string')
        errors.push(err('missing required field: text', `${at}/text`));
      maxLength(block.text, 12000, `${at}/text`, errors);
      break;
    case 'rich_text':
      if (!Array.isArray(block.elements))
        errors.push(err('missing required field: elements', `${at}/elements`));
      break;
    default:
      break;
  }
}

function checkElementList(
  elements: unknown,
  at: string,
  max: number,
  errors: string[],
  check: (element: unknown, pointer: string) => void,
): void {
  if (!Array.isArray(elements) || elements.length === 0) {
    errors.push(err('missing required field: elements', `${at}/elements`));
    return;
  }
  if (elements.length > max)
    errors.push(err(`no more than ${max} items allowed`, `${at}/elements`));
  elements.forEach((el, i) => check(el, `${at}/elements/${i}`));
}

function checkTextObject(
  value: unknown,
  at: string,
  max: number,
  errors: string[],
  onlyType?: 'plain_text',
): void {
  if (!isObject(value)) {
    errors.push(err('missing required field: text', at));
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
    errors.push(err(`unsupported type: ${String(value.type)}`, `${at}/type`));
  } else if (onlyType && value.type !== onlyType) {
    errors.push(err(`must be a ${onlyType} text object`, `${at}/type`));
  }
  if (typeof value.text !== 'string' || value.text.length === 0) {
    errors.push(err('must be more than 0 characters', `${at}/text`));
  }
  maxLength(value.text, max, `${at}/text`, errors);
}

function checkImage(image: Record<string, unknown>, at: string, errors: string[]): void {
  if (typeof image.image_url !== 'string' && !isObject(image.slack_file)) {
    errors.push(err('missing required field: image_url', `${at}/image_url`));
  }
  if (typeof image.alt_text !== 'string')
    errors.push(err('missing required field: alt_text', `${at}/alt_text`));
  maxLength(image.alt_text, 2000, `${at}/alt_text`, errors);
}

function checkElement(
  element: unknown,
  at: string,
  actionIds: Set<string>,
  errors: string[],
): void {
  if (!isObject(element) || typeof element.type !== 'string') {
    errors.push(err('missing required field: type', `${at}/type`));
    return;
  }
  if (element.type === 'image') {
    checkImage(element, at, errors);
    return;
  }
  if (!INTERACTIVE_ELEMENTS.has(element.type)) {
    errors.push(err(`unsupported type: ${element.type}`, `${at}/type`));
    return;
  }
  if (element.action_id !== undefined) {
    if (typeof element.action_id !== 'string')
      errors.push(err('must be a string', `${at}/action_id`));
    else {
      maxLength(element.action_id, 255, `${at}/action_id`, errors);
      if (actionIds.has(element.action_id))
        errors.push(err(`duplicate action_id: ${element.action_id}`, `${at}/action_id`));
      actionIds.add(element.action_id);
    }
  }
  if (element.type === 'button') {
    checkTextObject(element.text, `${at}/text`, 75, errors, 'plain_text');
    if (element.value !== undefined && typeof element.value !== 'string')
      errors.push(err('must be a string', `${at}/value`));
    maxLength(element.value, 2000, `${at}/value`, errors);
    maxLength(element.url, 3000, `${at}/url`, errors);
    if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
      errors.push(err('must be one of primary, danger', `${at}/style`));
    }
  }
}
