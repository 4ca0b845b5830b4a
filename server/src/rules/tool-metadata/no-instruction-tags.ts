import type { TextEdit } from '../../analyzer/finding';
import type { ResolvedText } from '../../analyzer/mcp/resolved-text';
import type { MetadataRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { findPhrases, isNegated, quotePhrase } from '../../analyzer/text/instruction-text';

type MessageId = 'instructionBlock' | 'tagBlock' | 'chatTemplate';

/**
 * A stretch of a description framed as a privileged message for the model: an XML-like pseudo-tag
 * block, a forged chat-template turn, a `[SYSTEM]` marker or a `### SYSTEM:` heading. Offsets are
 * into the resolved text (what the model reads).
 */
interface MarkerBlock {
  kind: 'tag' | 'chat' | 'marker';
  start: number;
  end: number;
  /** The marker as written: `<IMPORTANT>`, `<|im_start|>system`, `[SYSTEM]`, `### SYSTEM:`. */
  label: string;
  /** Where the framed content lies. */
  contentStart: number;
  contentEnd: number;
  /** Closed by its own end marker, so removing [start, end) removes exactly the block. */
  closed: boolean;
  /** Reported even without directive content (`<IMPORTANT>…</IMPORTANT>`, a forged system turn). */
  strong: boolean;
  /** For chat templates: the forged role. */
  role?: string;
  /** The first directive phrase in the content, when there is one. */
  directive?: string;
}

export default defineRule<MessageId>(
  {
    id: 'no-instruction-tags',
    group: 'tool-metadata',
    description: 'Disallow pseudo-tags and chat-template tokens that frame tool metadata as privileged instructions for the model',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-1427', 'CWE-74'],
    owaspMcp: 'MCP03',
    control: 4,
    fix: 'safe',
    messages: {
      instructionBlock:
        '{{label}} block in the {{site}} gives the model instructions: {{phrase}}. The model obeys text framed this way as if it came from its operator, while the user sees an ordinary tool; this is the tool-poisoning pattern.',
      tagBlock:
        '{{label}} block in the {{site}} ({{phrase}}) frames the description as a privileged message for the model. Pseudo-tags like this are how tool poisoning smuggles instructions; a description only needs to say what the tool does.',
      chatTemplate:
        'Chat-template token {{label}} in the {{site}} forges a {{role}} turn: {{phrase}}. The model may read what follows as a message from its operator rather than as a tool description.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks',
      'https://genai.owasp.org/llmrisk/llm01-prompt-injection/',
    ],
  },
  {
    'tool-metadata': (context) => {
      // The same literal can be read by two texts (a constant used in two descriptions); report it once.
      const reported = new Set<number>();
      for (const declaration of context.declarations) {
        for (const { site, text } of declaration.texts) {
          for (const block of findMarkerBlocks(text.value)) report(context, site, text, block, reported);
        }
      }
    },
  },
);

function report(context: MetadataRuleContext<MessageId>, site: string, text: ResolvedText, block: MarkerBlock, reported: Set<number>): void {
  const content = text.value.slice(block.contentStart, block.contentEnd);
  const directive = block.directive;
  const range = text.sourceRange(block.start, block.closed ? block.end : block.contentStart);
  if (reported.has(range.start)) return;
  reported.add(range.start);
  const messageId: MessageId = block.kind === 'chat' ? 'chatTemplate' : directive ? 'instructionBlock' : 'tagBlock';
  const phrase = (block.kind === 'chat' ? (directive ?? content).replace(CHAT_TOKEN, ' ').replace(ROLE_AFTER, '') : (directive ?? content)).trim();
  const removal = block.closed ? removalEdit(text, block.start, block.end) : undefined;
  context.report({
    messageId,
    data: { site, label: quotePhrase(block.label, 40), phrase: quotePhrase(phrase || block.label), role: block.role ?? 'system' },
    ...range,
    fixes: removal ? [{ title: `Remove the ${block.label.replace(/\s+/g, ' ')} block`, edits: [removal] }] : undefined,
    details: blockDetails(site, text.value.slice(block.start, block.closed ? block.end : block.contentEnd)),
  });
}

// ---------------------------------------------------------------------------------------------
// Finding the blocks

/** Tag names that exist only to address the model: reported whenever they enclose text. */
const STRONG_TAG = /^(?:important|veryimportant|critical|urgent|mandatory|instructions?|hidden|override|sysprompt|importante|wichtig|instrucciones|instrucoes|anweisungen?|consignes|(?:system|hidden|secret|admin|assistant|ai|model|llm|agent|developer|internal|priority|special|additional)(?:prompt|instructions?|message|override|notes?|directives?|rules|commands?))$/;
/**
 * Names that are also placeholders, XML elements or HTML (`<s>` is strikethrough, `<system>` may be
 * an XML element a tool returns): reported only when the block gives directives, or written in
 * capitals (`<SYSTEM>`), which no HTML or placeholder convention uses.
 */
const WEAK_TAG = /^(?:system|sys|secret|admin|s|note|context|assistant|user|prompt|inst|rules|directive|directives|task|developer|root|sudo|policy|command|commands|todo|ai|agent|model)$/;
const OPENING_TAG = /<([A-Za-z][\w:-]*)(?:\s[^<>]*)?>/g;

/** Chat-template special tokens (ChatML, Llama 2/3, Gemma, Harmony, Phi). */
const CHAT_TOKEN =
  /<\|(?:im_start|im_end|im_sep|start_header_id|end_header_id|eot_id|eom_id|begin_of_text|end_of_text|endoftext|start|end|message|channel|return|system|user|assistant|developer)\|>|<\/?(?:start_of_turn|end_of_turn)>|\[\/?INST\]|<<\/?SYS>>/g;
const CHAT_CLOSERS = new Set(['<|im_end|>', '<|eot_id|>', '<|eom_id|>', '<|end|>', '<|return|>', '<|endoftext|>', '<|end_of_text|>', '<end_of_turn>', '</end_of_turn>', '[/INST]', '<</SYS>>']);
const ROLE_AFTER = /^\s*(system|developer|user|assistant|model|tool)\b/i;
const ROLE_TOKENS: Record<string, string> = { '<|system|>': 'system', '<|developer|>': 'developer', '<|user|>': 'user', '<|assistant|>': 'assistant', '<<SYS>>': 'system', '[INST]': 'user' };

/** `[SYSTEM]`, `[[ADMIN OVERRIDE]]`, `[HIDDEN INSTRUCTIONS]`; not `[!IMPORTANT]` alerts, not links. */
const MARKER_WORD = '(?:SYSTEM|ADMIN|ADMINISTRATOR|HIDDEN|SECRET|DEVELOPER|ROOT|OVERRIDE|IMPORTANT|CRITICAL|URGENT|MANDATORY|PRIORITY|INSTRUCTIONS?|ASSISTANT|AI|MODEL|AGENT|LLM|NOTE|NOTES|MESSAGE|PROMPT|MODE|DIRECTIVES?|COMMANDS?|ORDERS?|UPDATE|ALERT|CONTEXT|RULES?|INTERNAL|ONLY|FOR|THE)';
const BRACKET_MARKER = new RegExp(`\\[{1,3}[ \\t]*(${MARKER_WORD}(?:[ _-]+${MARKER_WORD}){0,3})[ \\t]*:?[ \\t]*\\]{1,3}(?![(\\[:])`, 'g');
/** `### SYSTEM:` headings and `SYSTEM:` / `ADMIN OVERRIDE:` labels starting a line. */
const HEADING_MARKER = new RegExp(`(?:^|\\n)([ \\t]*(?:#{1,6}[ \\t]+|\\*\\*)?(${MARKER_WORD}(?:[ _-]+${MARKER_WORD}){0,3})[ \\t]*(?:\\*\\*)?[ \\t]*(?::|(?=\\n)))`, 'g');
/**
 * Marker words that claim an authority over the model (a lone `[NOTE]`, `IMPORTANT:` or
 * `## INSTRUCTIONS` heading is ordinary documentation and does not).
 */
const AUTHORITY = /SYSTEM|ADMIN|HIDDEN|SECRET|DEVELOPER|ROOT|OVERRIDE|ASSISTANT|\bAI\b|MODEL|AGENT|LLM/;
/** Bracketed markers may also announce instructions: `[HIDDEN INSTRUCTION]`, `[[INSTRUCTIONS]]`. */
const BRACKET_AUTHORITY = /SYSTEM|ADMIN|HIDDEN|SECRET|DEVELOPER|ROOT|OVERRIDE|ASSISTANT|\bAI\b|MODEL|AGENT|LLM|INSTRUCTION/;

/**
 * Bounds that keep the scan linear on adversarial text: a closing marker is looked for this far
 * after its opening, an unclosed block's content reaches at most this far, directives are looked for
 * in this much content, and each kind of marker is considered this many times per text.
 */
const WINDOW = 4000;
const MAX_CANDIDATES = 64;

/** One text being scanned, with its code spans computed once. */
class Scan {
  private codeFlags: Uint8Array | undefined;

  constructor(readonly value: string) {}

  /** Same answer as isInCodeSpan(value, index), in constant time after one pass. */
  inCode(index: number): boolean {
    this.codeFlags ??= codeSpanFlags(this.value);
    return this.codeFlags[Math.min(index, this.value.length)] === 1;
  }
}

function codeSpanFlags(text: string): Uint8Array {
  const flags = new Uint8Array(text.length + 1);
  let inFence = false;
  let inSpan = false;
  for (let i = 0; i < text.length; i++) {
    flags[i] = inFence || inSpan ? 1 : 0;
    if (text.startsWith('```', i)) {
      inFence = !inFence;
      flags[i + 1] = flags[i + 2] = inFence || inSpan ? 1 : 0;
      i += 2;
    } else if (!inFence && text[i] === '`') {
      inSpan = !inSpan;
    }
  }
  flags[text.length] = inFence || inSpan ? 1 : 0;
  return flags;
}

/** The blocks of a text worth reporting: strong ones, and weak ones whose content gives directives. */
export function findMarkerBlocks(value: string): MarkerBlock[] {
  const scan = new Scan(value);
  const candidates = [...tagBlocks(scan), ...chatBlocks(scan), ...markerBlocks(scan)].sort((a, b) => a.start - b.start || b.end - a.end);
  // A block inside an already found one (`<IMPORTANT><system>…</system></IMPORTANT>`) is part of it.
  const kept: MarkerBlock[] = [];
  for (const candidate of candidates) {
    const outer = kept[kept.length - 1];
    if (outer && candidate.start < (outer.closed ? outer.end : outer.contentEnd)) continue;
    const directive = directiveIn(value.slice(candidate.contentStart, Math.min(candidate.contentEnd, candidate.contentStart + WINDOW)));
    if (candidate.strong || directive !== undefined) kept.push({ ...candidate, directive });
  }
  return kept;
}

function tagBlocks(scan: Scan): MarkerBlock[] {
  const { value } = scan;
  const blocks: MarkerBlock[] = [];
  let candidates = 0;
  for (const match of value.matchAll(OPENING_TAG)) {
    const name = match[1]!;
    if (match[0].endsWith('/>')) continue;
    // `<s>[INST]` is Llama's chat template, read as one forged turn by chatBlocks.
    if (name === 's' && /^\s*\[INST\]/.test(value.slice(match.index + match[0].length))) continue;
    const normalized = name.toLowerCase().replace(/[-_:]/g, '');
    const upper = name.length >= 2 && name === name.toUpperCase() && /[A-Z]{2}/.test(name);
    const known = STRONG_TAG.test(normalized) || WEAK_TAG.test(normalized);
    // Capitalised tags of other names (`<NOTE>`, `<AI_DIRECTIVE>`) count only when closed.
    if (!known && !upper) continue;
    if (++candidates > MAX_CANDIDATES) break;
    const start = match.index;
    const openEnd = start + match[0].length;
    if (isMention(scan, start)) continue;
    const closing = new RegExp(`</\\s*${escapeRegExp(name)}\\s*>`, 'i').exec(value.slice(openEnd, openEnd + WINDOW));
    const strong = STRONG_TAG.test(normalized) || (known && upper);
    if (closing) {
      const closeStart = openEnd + closing.index;
      if (value.slice(openEnd, closeStart).trim().length === 0) continue;
      blocks.push({ kind: 'tag', start, end: closeStart + closing[0].length, label: `<${name}>`, contentStart: openEnd, contentEnd: closeStart, closed: true, strong });
    } else if (known && startsSentence(value, start)) {
      // An unclosed tag frames the sentence it opens; it only counts with directives in it.
      blocks.push({ kind: 'tag', start, end: openEnd, label: `<${name}>`, contentStart: openEnd, contentEnd: paragraphEnd(value, openEnd), closed: false, strong: false });
    }
  }
  return blocks;
}

function chatBlocks(scan: Scan): MarkerBlock[] {
  const { value } = scan;
  const tokens = [...value.matchAll(CHAT_TOKEN)].filter((match) => !scan.inCode(match.index));
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  // Documentation names the tokens ("special tokens such as <|im_start|> and <|im_end|>").
  if (!first || !last || isMention(scan, first.index)) return [];
  // A forged conversation is read as one block: from its first special token to its last one.
  let role: string | undefined;
  for (const token of tokens.slice(0, MAX_CANDIDATES)) {
    role ??= ROLE_TOKENS[token[0]] ?? (/^<\|(?:im_start|start_header_id|start)\|>$|^<start_of_turn>$/.test(token[0]) ? ROLE_AFTER.exec(value.slice(token.index + token[0].length))?.[1]?.toLowerCase() : undefined);
  }
  const closed = CHAT_CLOSERS.has(last[0]);
  // Llama's `<s>` before `[INST]` and `</s>` after `[/INST]` belong to the forged turn.
  const start = first.index - (/<s>\s*$/.exec(value.slice(0, first.index))?.[0].length ?? 0);
  const lastEnd = last.index + last[0].length + (closed ? (/^\s*<\/s>/.exec(value.slice(last.index + last[0].length))?.[0].length ?? 0) : 0);
  const end = closed ? lastEnd : paragraphEnd(value, lastEnd);
  const label = (tokens.find((token) => !CHAT_CLOSERS.has(token[0])) ?? first)[0];
  return [{ kind: 'chat', start, end: closed ? end : lastEnd, label, contentStart: start, contentEnd: end, closed, strong: role !== undefined && value.slice(start, end).replace(CHAT_TOKEN, ' ').replace(ROLE_AFTER, '').trim().length > 0, role }];
}

function markerBlocks(scan: Scan): MarkerBlock[] {
  const { value } = scan;
  const blocks: MarkerBlock[] = [];
  let candidates = 0;
  for (const match of value.matchAll(BRACKET_MARKER)) {
    if (!BRACKET_AUTHORITY.test(match[1]!)) continue;
    if (++candidates > MAX_CANDIDATES) break;
    if (isMention(scan, match.index)) continue;
    const start = match.index;
    const openEnd = start + match[0].length;
    // `[SYSTEM] … [/SYSTEM]` or `[END SYSTEM]` closes the block; otherwise it runs to the paragraph's end.
    const closing = new RegExp(`\\[{1,3}[ \\t]*(?:/|END[ _-]+)${escapeRegExp(match[1]!).replace(/[ _-]+/g, '[ _-]+')}[ \\t]*\\]{1,3}`, 'i').exec(value.slice(openEnd, openEnd + WINDOW));
    const contentEnd = closing ? openEnd + closing.index : paragraphEnd(value, openEnd);
    blocks.push({ kind: 'marker', start, end: closing ? contentEnd + closing[0].length : openEnd, label: match[0].trim(), contentStart: openEnd, contentEnd, closed: closing !== null, strong: false });
  }
  candidates = 0;
  for (const match of value.matchAll(HEADING_MARKER)) {
    const label = match[1]!;
    if (!AUTHORITY.test(match[2]!)) continue;
    if (++candidates > MAX_CANDIDATES) break;
    const start = match.index + match[0].length - label.length + (label.length - label.trimStart().length);
    if (scan.inCode(start)) continue;
    const openEnd = match.index + match[0].length;
    blocks.push({ kind: 'marker', start, end: openEnd, label: label.trim(), contentStart: openEnd, contentEnd: paragraphEnd(value, openEnd), closed: false, strong: false });
  }
  return blocks;
}

/**
 * The marker is quoted, documented or negated rather than used: in a code span, in quotes, after
 * "such as"/"e.g."/"detects"/"strips", or after a negation ("never emits <IMPORTANT> tags").
 */
const DOCUMENTING = /\b(?:such as|like|e\.g\.?|i\.e\.?|for example|for instance|called|named|detects?|detecting|flags?|flagging|finds?|strips?|stripping|removes?|removing|scans?(?: for)?|looks? for|matches|matching|blocks|rejects?|escapes?|escaping|sanitizes?|sanitizing|quarantines?|tokens?|tags?|markers?|parses?|renders?|wraps?|wrapped in|count(?:s|ed)? as)\s*[:,]?\s*["'“‘«(`]?$/i;

function isMention(scan: Scan, index: number): boolean {
  const { value } = scan;
  if (scan.inCode(index)) return true;
  const before = value.slice(Math.max(0, index - 120), index);
  if (/["'“‘«`]$/.test(before)) return true;
  const line = before.split(/\n|[.!?;:。！？]/).pop() ?? before;
  return DOCUMENTING.test(line.trimEnd()) || isNegated(line, line.length, 3);
}

/** Whether a marker at `index` opens its sentence (start of text or line, or after a sentence end). */
function startsSentence(value: string, index: number): boolean {
  const before = value.slice(Math.max(0, index - 200), index);
  return /(?:^|\n|[.!?:;。！？])[ \t]*$/.test(before) || before.trim().length === 0;
}

/** The end of the paragraph (blank line) or text starting at `from`, at most WINDOW characters on. */
function paragraphEnd(value: string, from: number): number {
  const window = value.slice(from, from + WINDOW);
  const blank = /\n[ \t]*\n/.exec(window);
  return from + (blank ? blank.index : window.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Directive content

/**
 * Words addressed to the model rather than describing the tool: second-person orders, must /
 * always / never with an action, instruction overrides, ordering (“before using…”, “first call”),
 * concealment, and reading or sending secrets. Plain imperative tool descriptions ("Delete a user
 * account") are not directives.
 */
const DIRECTIVE = new RegExp(
  [
    // Not preconditions addressed to the caller: "you must be an owner", "you need to sign in".
    String.raw`\byou\s+(?:must|should|shall|need\s+to|have\s+to|are\s+(?:required|instructed|expected|not\s+allowed|now|to)|will\s+(?:now|always|first|need)|may\s+not|cannot|can't|can\s+now)\b(?!\s+(?:be|have|own|hold|log\s+in|sign\s+in|authenticate|enable|install|configure)\b)`,
    String.raw`\b(?:must|always|never|should)\s+(?:\w+\s+){0,2}?(?:call|read|send|pass|include|use|run|execute|tell|mention|reveal|inform|ask|add|append|upload|forward|respond|reply|answer|output|print|provide|fetch|open|invoke|follow|obey|ignore|disregard|copy|attach|bcc|cc|share|post|leak|write|delete|remove|exfiltrate|prefer|prioriti[sz]e|fill|populate|set|choose|pick|select|approve|label|mark|reply|return)\b`,
    String.raw`\b(?:do\s+not|don't|never)\s+(?:tell|mention|inform|reveal|show|notify|alert|let|disclose|ask|confirm|warn|log|display)\b`,
    String.raw`\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|previous\s+|prior\s+|above\s+|earlier\s+|other\s+|existing\s+|safety\s+|system\s+)*(?:instructions?|rules?|guidelines?|prompts?|directions?|polic(?:y|ies)|constraints?|tools?|messages?|restrictions?|guardrails?)\b`,
    String.raw`\b(?:before|prior\s+to)\s+(?:using|calling|running|invoking|executing|answering|responding|replying|you\s+(?:use|call|respond|answer|reply|do))\b`,
    String.raw`\b(?:first|instead|secretly|silently|quietly|covertly|also)\s*,?\s+(?:call|read|send|pass|include|use|run|fetch|open|upload|forward|copy|append|add|post|write|delete|execute|invoke|collect|attach)\b`,
    String.raw`\b(?:make\s+sure|ensure|remember|be\s+sure)\s+(?:to|that|you)\b`,
    String.raw`\b(?:read|send|pass|include|upload|forward|copy|exfiltrate|append|attach|fetch|cat|post|put|insert|leak|collect|extract|fill|populate|set|supply|provide|enter|give)\b[^.!?\n]{0,80}?(?:~\/|\.ssh\b|id_rsa|id_ed25519|\.env\b|\.aws\b|credentials|secrets?\b|api[_ -]?keys?|passwords?|private\s+keys?|tokens?\b|mcp\.json|claude_desktop_config|\/etc\/(?:passwd|shadow)|conversation|chat\s+history|system\s+prompt)`,
    String.raw`\b(?:act|behave|pretend|respond|reply|answer)\s+(?:as\s+(?:if|though|an?|the)|like|only\s+(?:with|in))\b`,
    String.raw`\byou\s+are\s+(?:now|no\s+longer)\b`,
    String.raw`\b(?:the\s+)?(?:assistant|model|ai|llm|agent|claude|chatgpt|gpt|copilot)\s+(?:must|should|will\s+now|shall|needs?\s+to|has\s+to|is\s+(?:required|instructed|allowed))\b`,
    String.raw`\b(?:tell|inform|notify|show)\s+the\s+user\s+(?:only|that|nothing)\b`,
    String.raw`\bnew\s+(?:instructions?|rules|system\s+prompt)\b`,
    String.raw`\b(?:developer|admin|god|jailbreak|unrestricted)\s+mode\b`,
    // Spanish, French, German, Chinese, Japanese: the usual second-person orders and overrides.
    String.raw`\b(?:ignora|ignorez|ignoriere|debes|debe|siempre|nunca|vous\s+devez|tu\s+dois|toujours|jamais|du\s+musst|sie\s+müssen|immer|niemals)\b`,
    String.raw`忽略|无视|你必须|必须先|不要告诉|务必|無視して|必ず|してください|ユーザーに(?:伝え|言わ)ない`,
  ].join('|'),
  'i',
);

/** The first directive in the text, as the sentence-bounded phrase that carries it. */
function directiveIn(content: string): string | undefined {
  if (!DIRECTIVE.test(content)) return undefined;
  // Negated directives count: "never tell the user" is the instruction itself, so negation is not skipped.
  const match = findPhrases(content, DIRECTIVE, { skipNegated: false, skipCode: true })[0];
  if (!match) return undefined;
  // Quote the directive's sentence (from the directive on, when the sentence is long).
  const { sentence } = match;
  const from = sentence.end - sentence.start <= 120 ? sentence.start : match.start;
  return content.slice(from, Math.min(sentence.end, from + 120));
}

// ---------------------------------------------------------------------------------------------
// Fix and details

/**
 * Removes [from, to) of the value when it lies inside one literal, with the spacing around it: the
 * whole line when the block fills a line, else the spaces on one side.
 */
function removalEdit(text: ResolvedText, from: number, to: number): TextEdit | undefined {
  const value = text.value;
  const segment = text.segments.find((candidate) => candidate.part && candidate.valueStart <= from && to <= candidate.valueEnd);
  if (!segment?.part) return undefined;
  let start = from;
  let end = to;
  const leading = /(?<![ \t])[ \t]*$/.exec(value.slice(segment.valueStart, from))![0].length;
  const trailing = /^[ \t]*/.exec(value.slice(to, segment.valueEnd))![0].length;
  const beforeLine = start - leading;
  const afterLine = end + trailing;
  const lineStart = beforeLine === segment.valueStart || value[beforeLine - 1] === '\n';
  const lineEnd = afterLine === segment.valueEnd || value[afterLine] === '\n' || value[afterLine] === '\r';
  if (lineStart && lineEnd && afterLine < segment.valueEnd) {
    // The block is a line of its own: drop the line and its line break.
    start = beforeLine;
    end = afterLine + (value.startsWith('\r\n', afterLine) ? 2 : 1);
    // At the very start of the text, the next line's indentation would become leading spaces.
    if (start === segment.valueStart) end += /^[ \t]*/.exec(value.slice(end, segment.valueEnd))![0].length;
  } else if (afterLine === segment.valueEnd) {
    // "… text.\n\n<IMPORTANT>…</IMPORTANT>" at the very end: the blank lines before it go too.
    start = from - /(?<!\s)\s*$/.exec(value.slice(segment.valueStart, from))![0].length;
    end = afterLine;
  } else if (lineEnd) {
    start = beforeLine;
  } else {
    end = afterLine;
  }
  const part = segment.part;
  const range = part.sourceRange(segment.partStart + (start - segment.valueStart), segment.partStart + (end - segment.valueStart));
  return { ...range, newText: '' };
}

function blockDetails(site: string, block: string): string {
  const fence = '`'.repeat(Math.max(3, ...[...block.matchAll(/`+/g)].map((match) => match[0].length + 1)));
  return [`**The block in the ${site}, as the model reads it:**`, '', fence, block.length > 1200 ? `${block.slice(0, 1200)}…` : block, fence].join('\n');
}
