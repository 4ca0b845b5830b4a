import type { TextEdit } from '../../analyzer/finding';
import type { MetadataRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import type { DecodedString } from '../../analyzer/syntax/string-literal';
import {
  characterName,
  decodeSmuggledBytes,
  decodeTags,
  findHiddenCharacters,
  formatCodePoint,
  revealHiddenCharacters,
  type HiddenCharacter,
  type HiddenKind,
} from '../../analyzer/text/hidden-unicode';

type MessageId = 'hiddenText' | 'bidiControls' | 'invisibleCharacters';

const KIND_LABELS: Record<HiddenKind, [singular: string, plural: string]> = {
  tag: ['Unicode tag character', 'Unicode tag characters'],
  'smuggled-bytes': ['variation selector outside an emoji', 'variation selectors carrying hidden bytes'],
  bidi: ['bidirectional control character', 'bidirectional control characters'],
  'zero-width': ['zero-width character', 'zero-width characters'],
  invisible: ['invisible formatting character', 'invisible formatting characters'],
};

const MAX_SHOWN_HIDDEN_TEXT = 160;

export default defineRule<MessageId>(
  {
    id: 'no-hidden-unicode-in-description',
    group: 'tool-metadata',
    description: 'Disallow invisible and bidirectional Unicode characters in text the model reads as tool metadata',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-1007', 'CWE-451'],
    owaspMcp: 'MCP03',
    control: 4,
    fix: 'safe',
    messages: {
      hiddenText: 'Hidden text in the {{site}}: "{{hidden}}" ({{summary}}). The model reads it; the user cannot see it.',
      bidiControls: 'Bidirectional control characters in the {{site}}: {{summary}}. The text displays differently from how the model reads it.',
      invisibleCharacters: 'Invisible characters in the {{site}}: {{summary}}. The model reads them; the user cannot see them.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks',
      'https://trojansource.codes/',
      'https://unicode.org/reports/tr36/',
    ],
  },
  {
    'tool-metadata': (context) => {
      // The same literal can be read by two texts (a constant used in two descriptions); report it once.
      const reported = new Set<number>();
      for (const declaration of context.declarations) {
        for (const { site, text } of declaration.texts) {
          for (const part of text.literals) {
            if (reported.has(part.start)) continue;
            reported.add(part.start);
            checkPart(context, site, part);
          }
        }
      }
    },
  },
);

function checkPart(context: MetadataRuleContext<MessageId>, site: string, part: DecodedString): void {
  const hidden = findHiddenCharacters(part.value);
  const first = hidden[0];
  const last = hidden[hidden.length - 1];
  if (!first || !last) return;
  // Raw hidden characters render with no width, so a squiggle on them alone is invisible: then the
  // whole literal is underlined. Escapes (`\u200b`) are visible text and are underlined themselves.
  const range = hidden.every((character) => part.isEscaped(character.index))
    ? { start: part.sourceRange(first.index, first.index + first.length).start, end: part.sourceRange(last.index, last.index + last.length).end }
    : { start: part.start, end: part.end };
  const decoded = decodeTags(hidden) || decodeSmuggledBytes(hidden);
  const summary = summarize(hidden);
  const messageId: MessageId = decoded ? 'hiddenText' : hidden.some((character) => character.kind === 'bidi') ? 'bidiControls' : 'invisibleCharacters';
  context.report({
    messageId,
    data: { site, summary, hidden: decoded ? truncate(decoded, MAX_SHOWN_HIDDEN_TEXT) : '' },
    ...range,
    fixes: [{ title: `Remove ${hidden.length === 1 ? 'the hidden character' : `${hidden.length} hidden characters`}`, edits: removalEdits(part, hidden) }],
    details: revealDetails(site, part.value, hidden),
  });
}

function summarize(hidden: readonly HiddenCharacter[]): string {
  const byKind = new Map<HiddenKind, HiddenCharacter[]>();
  for (const character of hidden) byKind.set(character.kind, [...(byKind.get(character.kind) ?? []), character]);
  return [...byKind]
    .map(([kind, characters]) => {
      const [singular, plural] = KIND_LABELS[kind];
      const distinct = [...new Set(characters.map((character) => character.codePoint))];
      const examples = kind === 'tag' || kind === 'smuggled-bytes' ? '' : ` (${distinct.slice(0, 3).map((codePoint) => `${formatCodePoint(codePoint)} ${characterName(codePoint)}`).join(', ')})`;
      return characters.length === 1 ? `1 ${singular}${examples}` : `${characters.length} ${plural}${examples}`;
    })
    .join(' and ');
}

function truncate(text: string, limit: number): string {
  const printable = text.replace(/[\r\n\t]+/g, ' ');
  return printable.length > limit ? `${printable.slice(0, limit)}…` : printable;
}

/** One deletion per run of adjacent hidden characters in the source (escapes included). */
function removalEdits(part: DecodedString, hidden: readonly HiddenCharacter[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const character of hidden) {
    const { start, end } = part.sourceRange(character.index, character.index + character.length);
    const previous = edits[edits.length - 1];
    if (previous && previous.end === start) previous.end = end;
    else edits.push({ start, end, newText: '' });
  }
  return edits;
}

function revealDetails(site: string, value: string, hidden: readonly HiddenCharacter[]): string {
  const revealed = revealHiddenCharacters(value, hidden);
  const fence = '`'.repeat(Math.max(3, ...[...revealed.matchAll(/`+/g)].map((match) => match[0].length + 1)));
  return [`**What the model reads in the ${site}** (hidden characters revealed):`, '', fence, revealed, fence].join('\n');
}
