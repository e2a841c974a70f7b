/**
 * Reads the content arguments shared by chat.postMessage, chat.update, chat.postEphemeral
 * and response_url posts (text, blocks, attachments) and applies Slack's checks:
 * one of them is required ('no_text'), text ≤ 40,000 characters ('msg_too_long'),
 * blocks must be valid Block Kit ('invalid_blocks' / 'invalid_blocks_format'),
 * attachments a JSON array of at most 100 ('invalid_attachments' / 'too_many_attachments').
 */
import { checkBlocks } from './block-kit-validation';
import type { SlackBlock } from './types';

export interface ContentArgs {
  text: string | undefined;
  /** undefined = not sent; [] = sent empty (chat.update: remove the blocks). */
  blocks: SlackBlock[] | undefined;
  attachments: unknown[] | undefined;
}

export type ContentResult =
  { ok: true; content: ContentArgs } | { ok: false; body: Record<string, unknown> };

export function readContent(args: Record<string, unknown>): ContentResult {
  const text = args.text === undefined || args.text === null ? undefined : String(args.text);
  const blocks = checkBlocks(args.blocks);
  if (blocks.kind === 'format') return fail('invalid_blocks_format');
  if (blocks.kind === 'invalid') {
    return {
      ok: false,
      body: {
        ok: false,
        error: 'invalid_blocks',
        errors: blocks.messages,
        response_metadata: { messages: blocks.messages },
      },
    };
  }
  let attachments: unknown[] | undefined;
  if (args.attachments !== undefined && args.attachments !== '') {
    let parsed = args.attachments;
    if (typeof parsed === 'string') {
      try {
        parsed = JSON.parse(parsed);
      } catch {
        return fail('invalid_attachments');
      }
    }
    if (!Array.isArray(parsed)) return fail('invalid_attachments');
    if (parsed.length > 100) return fail('too_many_attachments');
    attachments = parsed;
  }
  const hasText = text !== undefined && text.trim() !== '';
  const hasBlocks = blocks.blocks !== undefined && blocks.blocks.length > 0;
  const hasAttachments = attachments !== undefined && attachments.length > 0;
  if (!hasText && !hasBlocks && !hasAttachments) return fail('no_text');
  if (text !== undefined && text.length > 40_000) return fail('msg_too_long');
  return { ok: true, content: { text, blocks: blocks.blocks, attachments } };
}

function fail(error: string): ContentResult {
  return { ok: false, body: { ok: false, error } };
}
