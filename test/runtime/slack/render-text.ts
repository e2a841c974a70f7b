/**
 * A plain-text rendering of a message as a person reads it in the Slack client: when a
 * message has blocks the client shows the blocks (top-level `text` is then only the
 * notification fallback); otherwise it shows `text` and legacy attachments. Buttons read
 * as "[Mark as CONTACTED]", mentions as "@name", links as their label.
 */
import type { MessageContent } from './types';

export type UserNameLookup = (userId: string) => string | undefined;

export function renderText(
  message: MessageContent,
  userName: UserNameLookup = () => undefined,
): string {
  const lines: string[] = [];
  if (message.blocks && message.blocks.length > 0) {
    for (const block of message.blocks)
      lines.push(...renderBlock(block as unknown as Node, userName));
  } else {
    if (message.text) lines.push(renderMrkdwn(message.text, userName));
    for (const attachment of message.attachments ?? []) {
      const a = attachment as Node;
      const text = str(a.text) ?? str(a.fallback);
      if (text) lines.push(renderMrkdwn(text, userName));
    }
  }
  return lines.filter((line) => line !== '').join('\n');
}

type Node = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function textOf(obj: unknown, userName: UserNameLookup): string {
  if (typeof obj !== 'object' || obj === null) return '';
  const o = obj as Node;
  const text = str(o.text) ?? '';
  return o.type === 'mrkdwn' ? renderMrkdwn(text, userName) : text;
}

function renderElement(el: Node, userName: UserNameLookup): string {
  switch (el.type) {
    case 'button':
      return `[${textOf(el.text, userName)}]`;
    case 'image':
      return '';
    case 'plain_text':
    case 'mrkdwn':
      return textOf(el, userName);
    default: {
      const placeholder = textOf(el.placeholder, userName);
      return placeholder ? `[${placeholder}]` : `[${String(el.type)}]`;
    }
  }
}

function renderBlock(block: Node, userName: UserNameLookup): string[] {
  const elements = Array.isArray(block.elements) ? (block.elements as Node[]) : [];
  switch (block.type) {
    case 'header':
      return [textOf(block.text, userName)];
    case 'section': {
      const out: string[] = [];
      if (block.text) out.push(textOf(block.text, userName));
      if (Array.isArray(block.fields)) for (const f of block.fields) out.push(textOf(f, userName));
      if (typeof block.accessory === 'object' && block.accessory !== null) {
        const acc = renderElement(block.accessory as Node, userName);
        if (acc) out.push(acc);
      }
      return out;
    }
    case 'context':
      return [
        elements
          .map((el) => renderElement(el, userName))
          .filter((t) => t !== '')
          .join(' '),
      ];
    case 'actions':
    case 'context_actions':
      return [
        elements
          .map((el) => renderElement(el, userName))
          .filter((t) => t !== '')
          .join(' '),
      ];
    case 'divider':
      return ['---'];
    case 'markdown':
      return [str(block.text) ?? ''];
    case 'rich_text':
      return [richText(elements)];
    default:
      return [];
  }
}

function richText(nodes: Node[]): string {
  return nodes
    .map((node) => {
      if (typeof node.text === 'string') return node.text;
      if (Array.isArray(node.elements)) return richText(node.elements as Node[]);
      return '';
    })
    .join('');
}

/**
 * Resolves Slack's markup as the client displays it: *bold*, _italic_, ~strike~ and
 * `code` lose their markers; <@U1>, <#C1|name>, <!here>, <url|label> become readable;
 * &lt; &gt; &amp; are unescaped.
 */
export function renderMrkdwn(text: string, userName: UserNameLookup = () => undefined): string {
  return text
    .split(/(<[^>]+>)/)
    .map((part) => (part.startsWith('<') ? part : stripEmphasis(part)))
    .join('')
    .replace(/<([^>]+)>/g, (_whole, inner: string) => {
      const [target, label] = inner.split('|', 2) as [string, string | undefined];
      if (target.startsWith('@'))
        return `@${label ?? userName(target.slice(1)) ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
      return label ?? target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function stripEmphasis(text: string): string {
  return text
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,!?:;])/g, '$1$2')
    .replace(/~([^~\n]+)~/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1');
}
