import type { TextEdit } from '../../analyzer/finding';
import type { ResolvedText } from '../../analyzer/mcp/resolved-text';
import type { MetadataRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { quotePhrase } from '../../analyzer/text/instruction-text';

type MessageId = 'htmlComment' | 'markdownComment' | 'encodedText' | 'dataUri' | 'ansiEscape' | 'padding';

/** Something in a text that the model reads and a person looking at the text does not see. Offsets are into the resolved value. */
interface Concealment {
  messageId: MessageId;
  start: number;
  end: number;
  data: Record<string, string>;
  /** Value ranges whose removal is the fix; omitted when there is no safe fix. */
  removals?: Array<{ start: number; end: number }>;
  fixTitle?: string;
  details?: string;
}

export default defineRule<MessageId>(
  {
    id: 'no-concealed-payload',
    group: 'tool-metadata',
    description: 'Disallow content hidden from human readers of tool metadata: comments, encoded blobs, data URIs, terminal escapes and off-screen padding',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-451', 'CWE-1427'],
    owaspMcp: 'MCP03',
    control: 4,
    fix: 'safe',
    messages: {
      htmlComment:
        'HTML comment in the {{site}}: {{phrase}}. Rendered markdown and tool-approval dialogs hide comments, but the model reads them, so the text is an instruction channel nobody reviews.',
      markdownComment: 'Markdown comment in the {{site}}: {{phrase}}. It renders as nothing, but the model reads it.',
      encodedText:
        '{{encoding}} text in the {{site}}: {{phrase}} decodes to {{preview}}. A reviewer sees a blob; the model can decode it and follow what it says.',
      dataUri: 'data: URI in the {{site}} embeds {{what}} ({{phrase}}). A reviewer sees an opaque blob; the model reads its content.',
      ansiEscape:
        '{{phrase}} in the {{site}}: {{effect}}. A terminal or log viewer that shows this text hides or rewrites part of it, so the user sees something other than what the model reads.',
      padding: '{{amount}} in the {{site}} push {{phrase}} out of view. A tool list or approval dialog shows the text before the padding; the model reads everything.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks',
      'https://github.com/trailofbits/mcp-context-protector',
    ],
  },
  {
    'tool-metadata': (context) => {
      // The same literal can be read by two texts (a constant used in two descriptions); report it once.
      const reported = new Set<number>();
      for (const declaration of context.declarations) {
        for (const { site, text } of declaration.texts) {
          for (const concealment of findConcealments(text.value)) report(context, site, text, concealment, reported);
        }
      }
    },
  },
);

function report(context: MetadataRuleContext<MessageId>, site: string, text: ResolvedText, concealment: Concealment, reported: Set<number>): void {
  const range = text.sourceRange(concealment.start, concealment.end);
  if (reported.has(range.start)) return;
  reported.add(range.start);
  const edits = (concealment.removals ?? []).map((removal) => literalEdit(text, removal.start, removal.end));
  const fixable = edits.length > 0 && edits.every((edit): edit is TextEdit => edit !== undefined);
  context.report({
    messageId: concealment.messageId,
    data: { site, ...concealment.data },
    ...range,
    fixes: fixable && concealment.fixTitle ? [{ title: concealment.fixTitle, edits }] : undefined,
    details: concealment.details,
  });
}

/** Every concealment in a text, in order; encoded blobs inside comments and data URIs are not reported twice. */
export function findConcealments(value: string): Concealment[] {
  const inCode = codeSpanChecker(value);
  const found: Concealment[] = [...comments(value, inCode), ...dataUris(value, inCode), ...ansiEscapes(value), ...padding(value)];
  const taken = found.map((concealment) => [concealment.start, concealment.end] as const);
  for (const blob of encodedBlobs(value, inCode)) if (!taken.some(([start, end]) => blob.start < end && start < blob.end)) found.push(blob);
  return found.sort((a, b) => a.start - b.start);
}

/** Findings of one kind per text: enough to show the problem, bounded on adversarial text. */
const MAX_PER_KIND = 20;

type CodeSpanChecker = (index: number) => boolean;

/** Same answers as isInCodeSpan(value, index), in constant time after one lazy pass over the text. */
function codeSpanChecker(value: string): CodeSpanChecker {
  let flags: Uint8Array | undefined;
  return (index) => {
    if (!flags) {
      flags = new Uint8Array(value.length + 1);
      let inFence = false;
      let inSpan = false;
      for (let i = 0; i < value.length; i++) {
        flags[i] = inFence || inSpan ? 1 : 0;
        if (value.startsWith('```', i)) {
          inFence = !inFence;
          flags[i + 1] = flags[i + 2] = inFence || inSpan ? 1 : 0;
          i += 2;
        } else if (!inFence && value[i] === '`') {
          inSpan = !inSpan;
        }
      }
      flags[value.length] = inFence || inSpan ? 1 : 0;
    }
    return flags[Math.min(index, value.length)] === 1;
  };
}

// ---------------------------------------------------------------------------------------------
// Comments

const HTML_COMMENT = /<!--([\s\S]*?)(?:-->|$)/g;
/**
 * Markdown tooling markers, not text for anyone. Tested on the trimmed comment: `^\s*…\s*$` tried
 * every split of a blank run between the two `\s*` (quadratic on a comment of spaces).
 */
const TOOLING_COMMENT = /^(?:prettier-ignore(?:-start|-end)?|markdownlint-[\w-]+(?:\s+[\w-]+)*|eslint-[\w-]+|cspell:[\w-]+(?:\s+\S+)*|toc|\/?toc|more|end|-+)?$/i;
/** `[//]: # (text)`, `[comment]: <> (text)`, `[_]: # "text"` on a line of their own. */
const MARKDOWN_COMMENT = /^[ \t]*\[(?:\/\/|comment|_|#)\]:[ \t]*(?:#|<>)[ \t]*(?:\(([^)\n]*)\)|"([^"\n]*)"|'([^'\n]*)')[ \t]*$/gim;

function comments(value: string, inCode: CodeSpanChecker): Concealment[] {
  const found: Concealment[] = [];
  for (const match of value.matchAll(HTML_COMMENT)) {
    if (found.length >= MAX_PER_KIND) break;
    const inner = match[1] ?? '';
    if (TOOLING_COMMENT.test(inner.trim()) || inCode(match.index)) continue;
    const start = match.index;
    const end = start + match[0].length;
    const closed = match[0].endsWith('-->');
    found.push({
      messageId: 'htmlComment',
      start,
      end,
      data: { phrase: quotePhrase(match[0]) },
      // An unclosed comment hides the rest of the text; where it was meant to end is unknown.
      removals: closed ? [withSpacing(value, start, end)] : undefined,
      fixTitle: 'Remove the HTML comment',
      details: revealed('The comment as the model reads it', match[0]),
    });
  }
  for (const match of value.matchAll(MARKDOWN_COMMENT)) {
    if (found.length >= 2 * MAX_PER_KIND) break;
    const inner = match[1] ?? match[2] ?? match[3] ?? '';
    if (inner.trim().length === 0) continue;
    const lineStart = match.index + (value[match.index] === '\n' ? 1 : 0);
    const start = lineStart + (/^[ \t]*/.exec(match[0])?.[0].length ?? 0);
    const end = match.index + match[0].length;
    found.push({
      messageId: 'markdownComment',
      start,
      end,
      data: { phrase: quotePhrase(match[0].trim()) },
      removals: [wholeLine(value, lineStart, end)],
      fixTitle: 'Remove the markdown comment',
      details: revealed('The comment as the model reads it', match[0].trim()),
    });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Encoded blobs and data URIs

const BASE64_BLOB = /(?<![\w+/=-])(?:[A-Za-z0-9+/]{20,}={0,2}|[A-Za-z0-9_-]{20,}={0,2})(?![\w+/=-])/g;
const HEX_BLOB = /(?<![0-9A-Za-z])(?:0x)?((?:[0-9A-Fa-f]{2}){12,})(?![0-9A-Za-z])|((?:\\x[0-9A-Fa-f]{2}){8,})|(?<![0-9A-Za-z])((?:[0-9A-Fa-f]{2}[ :]){11,}[0-9A-Fa-f]{2})(?![0-9A-Za-z])/g;
/** Words that make decoded text an instruction even when the blob sits in a code span. */
const INSTRUCTION_HINT = /\b(?:ignore|instructions?|system|must|always|never|send|read|include|call|password|secret|token|api.?key|ssh|\.env|curl|wget|https?:)\b/i;

function encodedBlobs(value: string, inCode: CodeSpanChecker): Concealment[] {
  const found: Concealment[] = [];
  for (const match of value.matchAll(BASE64_BLOB)) {
    if (found.length >= MAX_PER_KIND) break;
    const blob = match[0];
    // A JWT is token-shaped, not prose: secrets rules handle it.
    if (/^eyJ/.test(blob) && (value[match.index + blob.length] === '.' || value[match.index - 1] === '.')) continue;
    const decoded = decodeText(base64Bytes(blob));
    if (decoded) pushBlob(found, inCode, match.index, blob, 'Base64', decoded);
  }
  for (const match of value.matchAll(HEX_BLOB)) {
    if (found.length >= 2 * MAX_PER_KIND) break;
    const digits = (match[1] ?? match[2] ?? match[3] ?? '').replace(/\\x|[ :]/g, '');
    const decoded = decodeText(hexBytes(digits));
    if (decoded) pushBlob(found, inCode, match.index, match[0], 'Hex-encoded', decoded);
  }
  return found;
}

function pushBlob(found: Concealment[], inCode: CodeSpanChecker, start: number, blob: string, encoding: string, decoded: string): void {
  // A blob quoted in a code span is documentation, unless what it says is an instruction.
  if (inCode(start) && !INSTRUCTION_HINT.test(decoded)) return;
  found.push({
    messageId: 'encodedText',
    start,
    end: start + blob.length,
    data: { encoding, phrase: quotePhrase(blob, 32), preview: quotePhrase(decoded, 100) },
    details: revealed(`${encoding} blob decoded (${blob.length} characters → ${decoded.length})`, decoded),
  });
}

const DATA_URI = /\bdata:([a-z]+\/[\w.+-]+)?((?:;[\w.+-]+=[\w.+%-]+)*)(;base64)?,([^\s"'`)<>\]]+)/gi;
const ACTIVE_MIME = /^(?:text\/html|application\/(?:x-)?javascript|text\/javascript|image\/svg\+xml|application\/xhtml\+xml)$/i;

function dataUris(value: string, inCode: CodeSpanChecker): Concealment[] {
  const found: Concealment[] = [];
  for (const match of value.matchAll(DATA_URI)) {
    if (found.length >= MAX_PER_KIND) break;
    const payload = match[4]!;
    // "returns a data:image/png;base64,… URI" documents the format; there is no payload.
    if (payload.replace(/[.…]/g, '').length < 8 || inCode(match.index)) continue;
    const mime = (match[1] ?? 'text/plain').toLowerCase();
    const decoded = match[3] ? decodeText(base64Bytes(payload)) : safeDecodeURIComponent(payload);
    const size = match[3] ? Math.floor((payload.replace(/(?<!=)=+$/, '').length * 3) / 4) : payload.length;
    const what = `${ACTIVE_MIME.test(mime) ? 'active content' : 'content'} of type ${mime}, ${size} bytes${decoded ? `, reading ${quotePhrase(decoded, 60)}` : ''}`;
    found.push({
      messageId: 'dataUri',
      start: match.index,
      end: match.index + match[0].length,
      data: { what, phrase: quotePhrase(match[0], 40) },
      details: decoded ? revealed(`The ${mime} content of the data: URI`, decoded) : undefined,
    });
  }
  return found;
}

function base64Bytes(blob: string): Uint8Array | undefined {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = blob.replace(/(?<!=)=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (clean.length % 4 === 1) return undefined;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const character of clean) {
    const index = alphabet.indexOf(character);
    if (index < 0) return undefined;
    buffer = (buffer << 6) | index;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

function hexBytes(digits: string): Uint8Array {
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/**
 * The bytes as text when they are text: valid UTF-8, no control characters other than line breaks
 * and tabs, mostly letters, digits, punctuation and spaces, with at least one word. Hashes, keys and
 * images decode to bytes that fail this almost surely.
 */
function decodeText(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes || bytes.length < 8) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/.test(text)) return undefined;
  const printable = text.match(/[\p{L}\p{N}\p{P}\p{S}\p{Zs}\t\n\r]/gu)?.length ?? 0;
  if (printable < [...text].length * 0.97) return undefined;
  if (!/\p{L}{3,}/u.test(text) || !/[\s{}":,.;]/.test(text)) return undefined;
  return text;
}

function safeDecodeURIComponent(payload: string): string | undefined {
  try {
    const text = decodeURIComponent(payload);
    return /\p{L}{3,}/u.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Terminal escapes

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]|\r(?=[^\n])|\u0008+/g;

function ansiEscapes(value: string): Concealment[] {
  const sequences = [...value.matchAll(ANSI)];
  const first = sequences[0];
  const last = sequences[sequences.length - 1];
  if (!first || !last) return [];
  const effects = [...new Set(sequences.map((sequence) => ansiEffect(sequence[0])))];
  const shown = sequences.slice(0, 3).map((sequence) => visibleEscape(sequence[0]));
  return [
    {
      messageId: 'ansiEscape',
      start: first.index,
      end: first.index + first[0].length,
      data: {
        phrase: `${sequences.length === 1 ? 'Terminal control sequence' : `${sequences.length} terminal control sequences`} ${shown.join(', ')}${sequences.length > 3 ? ', …' : ''}`,
        effect: effects.join('; '),
      },
      removals: sequences.map((sequence) => ({ start: sequence.index, end: sequence.index + sequence[0].length })),
      fixTitle: sequences.length === 1 ? 'Remove the control sequence' : `Remove ${sequences.length} control sequences`,
      details: revealed('The text with escape sequences made visible', visibleEscape(value)),
    },
  ];
}

function ansiEffect(sequence: string): string {
  if (sequence === '\r') return 'a bare carriage return lets the next text overwrite the line';
  if (sequence.startsWith('\u0008')) return 'backspaces erase text already shown';
  if (sequence.startsWith('\u001b]')) return sequence.startsWith('\u001b]8;') ? 'a hidden hyperlink' : 'sets the terminal title or palette';
  const final = sequence[sequence.length - 1];
  const parameters = sequence.slice(sequence.startsWith('\u009b') ? 1 : 2, -1).split(';');
  if (final === 'm') {
    if (parameters.includes('8')) return 'conceals the text after it';
    if (parameters.some((parameter) => /^(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])$/.test(parameter))) return 'recolours text, which can make it invisible';
    return 'changes text style';
  }
  if (final === 'K' || final === 'J') return 'erases text already shown';
  if (sequence.length === 2) return 'controls the terminal';
  if (final && 'ABCDEFGHfsu'.includes(final)) return 'moves the cursor to overwrite text';
  return 'controls the terminal';
}

function visibleEscape(text: string): string {
  return text.replaceAll('\u001b', '\\x1b').replaceAll('\u009b', '\\x9b').replaceAll('\u0007', '\\x07').replaceAll('\u0008', '\\b').replace(/\r(?!\n)/g, '\\r');
}

// ---------------------------------------------------------------------------------------------
// Off-screen padding

/** Space-like characters that render as blank: spaces, tabs, no-break and typographic spaces, braille blank. */
const BLANK = '[ \\t\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000\\u2800]';
// Greedy runs checked for following text by hand: a lookahead would backtrack through long trailing runs.
const HORIZONTAL_PADDING = new RegExp(`${BLANK}{20,}`, 'g');
const BLANK_LINE = /^[ \t\u00a0\u3000\u2800\r]*$/;
const MIN_BLANK_LINES = 5;
const MIN_HORIZONTAL_WIDTH = 40;
/** Indentation of a line is only padding when no layout needs it. */
const MIN_INDENT_WIDTH = 100;

function padding(value: string): Concealment[] {
  const found: Concealment[] = [];
  for (const match of value.matchAll(HORIZONTAL_PADDING)) {
    if (found.length >= MAX_PER_KIND) break;
    const run = match[0];
    if (!/^[^\s\u2800]/.test(value.slice(match.index + run.length, match.index + run.length + 1))) continue;
    const width = [...run].reduce((sum, character) => sum + (character === '\t' ? 4 : 1), 0);
    const lineStart = value.lastIndexOf('\n', match.index - 1) + 1;
    const atLineStart = value.slice(lineStart, match.index).trim().length === 0;
    if (width < (atLineStart ? MIN_INDENT_WIDTH : MIN_HORIZONTAL_WIDTH)) continue;
    const pushed = pushedText(value, match.index + run.length);
    found.push({
      messageId: 'padding',
      start: match.index,
      end: match.index + run.length,
      data: { amount: `${width} columns of blank ${run.includes('\u2800') ? 'braille-blank padding' : 'space'}`, phrase: quotePhrase(pushed, 60) },
      details: revealed('The text after the padding', pushed),
    });
  }
  // Blank lines, scanned line by line: text, then at least MIN_BLANK_LINES blank lines, then text.
  let offset = 0;
  let runStart = -1;
  let blankLines = 0;
  let seenText = false;
  for (const line of value.split('\n')) {
    if (BLANK_LINE.test(line)) {
      if (seenText && blankLines === 0) runStart = offset - 1;
      blankLines++;
    } else {
      if (seenText && blankLines >= MIN_BLANK_LINES && runStart >= 0) {
        const pushed = pushedText(value, offset);
        found.push({
          messageId: 'padding',
          start: runStart,
          end: offset,
          data: { amount: `${blankLines} blank lines`, phrase: quotePhrase(pushed, 60) },
          details: revealed('The text after the padding', pushed),
        });
      }
      seenText = true;
      blankLines = 0;
    }
    offset += line.length + 1;
  }
  return found;
}

/** The text a padding run pushes away, up to the next blank line. */
function pushedText(value: string, from: number): string {
  const rest = value.slice(from);
  const end = /\n[ \t]*\n/.exec(rest)?.index ?? rest.length;
  return rest.slice(0, end).trim();
}

// ---------------------------------------------------------------------------------------------
// Fix helpers

/** [start, end) plus the spaces on one side, so removing it leaves no double space. */
function withSpacing(value: string, start: number, end: number): { start: number; end: number } {
  const trailing = /^[ \t]*/.exec(value.slice(end))![0].length;
  // At the very end of the text, blank lines before it go too.
  const leading = (end + trailing === value.length ? /(?<!\s)\s*$/ : /(?<![ \t])[ \t]*$/).exec(value.slice(0, start))![0].length;
  const atLineEnd = end + trailing === value.length || value[end + trailing] === '\n';
  return atLineEnd ? { start: start - leading, end: end + trailing } : { start, end: end + trailing };
}

/** The line [lineStart, end) and its line break (or the break before it, on the last line). */
function wholeLine(value: string, lineStart: number, end: number): { start: number; end: number } {
  if (value[end] === '\n') return { start: lineStart, end: end + 1 };
  if (value.startsWith('\r\n', end)) return { start: lineStart, end: end + 2 };
  return { start: Math.max(0, lineStart - (value[lineStart - 1] === '\n' ? 1 : 0)), end };
}

/** The source edit deleting the value's [from, to), when it lies inside one literal. */
function literalEdit(text: ResolvedText, from: number, to: number): TextEdit | undefined {
  const segment = text.segments.find((candidate) => candidate.part && candidate.valueStart <= from && to <= candidate.valueEnd);
  if (!segment?.part) return undefined;
  const range = segment.part.sourceRange(segment.partStart + (from - segment.valueStart), segment.partStart + (to - segment.valueStart));
  return { ...range, newText: '' };
}

function revealed(title: string, text: string): string {
  const shown = text.length > 1200 ? `${text.slice(0, 1200)}…` : text;
  const fence = '`'.repeat(Math.max(3, ...[...shown.matchAll(/`+/g)].map((match) => match[0].length + 1)));
  return [`**${title}:**`, '', fence, shown, fence].join('\n');
}
