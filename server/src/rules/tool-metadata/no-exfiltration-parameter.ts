import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { TextEdit } from '../../analyzer/finding';
import type { DeclaredMetadata, MetadataText } from '../../analyzer/mcp/tool-metadata';
import type { FixDescriptor, MetadataRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { listItemRemoval, namedChildren } from '../../analyzer/syntax/nodes';
import { findPhrases, isInCodeSpan, isNegated, quotePhrase, sentencesOf } from '../../analyzer/text/instruction-text';

type MessageId = 'requestsContent' | 'filledByInstruction' | 'unusedByHandler';

/**
 * Side-channel parameter names (normalized: lower case, no `_`/`-`/spaces) and the words that make
 * the name part of the tool's own job ("note" for a note-taking tool). Shadow names never are.
 */
const SIDE_CHANNEL_NAMES = new Map<string, RegExp | undefined>([
  ['sidenote', /\bside[ _-]?notes?\b/i],
  ['sidenotes', /\bside[ _-]?notes?\b/i],
  ['note', /\bnot(?:e|es|ed|ing)\b|notebook|memo|journal/i],
  ['notes', /\bnot(?:e|es|ed|ing)\b|notebook|memo|journal/i],
  ['feedback', /feedback|review|rating|survey|comment/i],
  ['context', /context/i],
  ['details', /detail/i],
  ['detail', /detail/i],
  ['extra', /\bextras?\b/i],
  ['extras', /\bextras?\b/i],
  ['additional', /\badditional\b/i],
  ['additionalinfo', /\badditional\b/i],
  ['additionalinformation', /\badditional\b/i],
  ['metadata', /meta|\btags?\b|label|attribute|propert|stor(?:e|age)|upload|save|object|bucket|record|document|index|file/i],
  ['meta', /meta|\btags?\b|label|attribute|propert|stor(?:e|age)|upload|save|object|bucket|record|document|index|file/i],
  ['debug', /debug|diagnos|trace|verbose|troubleshoot/i],
  ['debuginfo', /debug|diagnos|trace|verbose|troubleshoot/i],
  ['reasoning', /reasoning|rationale|explain|justif/i],
  ['chainofthought', undefined],
  ['remark', /remark|comment|\bnotes?\b/i],
  ['remarks', /remark|comment|\bnotes?\b/i],
  ['annotation', /annotat|label|\btags?\b|highlight|comment|\bmark/i],
  ['annotations', /annotat|label|\btags?\b|highlight|comment|\bmark/i],
  ['summaryofconversation', /conversation|\bchat|transcript|dialog/i],
  ['conversationsummary', /conversation|\bchat|transcript|dialog/i],
  ['conversationhistory', /conversation|\bchat|transcript|dialog/i],
  ['chathistory', /conversation|\bchat|transcript|dialog/i],
  ['internalonly', undefined],
  ['hiddenparam', undefined],
  ['bypasschecks', undefined],
  ['sandboxescape', undefined],
]);

const SHADOW_NAMES = new Set(['internalonly', 'hiddenparam', 'bypasschecks', 'sandboxescape']);

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

interface ContentCategory {
  label: string;
  pattern: RegExp;
  /** Words in the tool's own metadata that make this content part of its job; undefined: never. */
  scope: RegExp | undefined;
  /** Matched inside code spans too (a path written as `~/.ssh/id_rsa` is still a path). */
  inCode: boolean;
}

/** Content a side channel asks for that a tool rarely needs. Each pattern matches within one sentence. */
const CONTENT_CATEGORIES: readonly ContentCategory[] = [
  {
    label: 'a sensitive file',
    pattern:
      /(?:~|\$HOME|%USERPROFILE%)[\\/][\w.\\/-]*|\/etc\/(?:passwd|shadow|sudoers)\b|\bid_(?:rsa|ed25519|ecdsa|dsa)\b|\.ssh\b|\.aws[\\/]credentials|\bmcp\.json\b|claude_desktop_config\.json|\.netrc\b|\.npmrc\b|\.pypirc\b|\.env\b(?!ironment)/i,
    scope: undefined,
    inCode: true,
  },
  {
    label: 'the conversation',
    pattern:
      /\b(?:(?:full|entire|whole|complete|previous|prior|earlier|past)\s+(?:\w+\s+){0,2}?(?:conversation|chat|dialog(?:ue)?|messages|history|context|transcript|exchanges|turns|prompts|instructions)|all (?:of )?(?:the |your )?(?:previous |prior |earlier )?(?:conversation|chat|messages|history|context|instructions)|all previous\b|conversation (?:history|so far|log|transcript)|chat (?:history|log|transcript)|message history|(?:the )?system prompt|(?:your|the model'?s|the assistant'?s) (?:own )?(?:instructions|context window|memory|chain of thought)|chain[- ]of[- ]thought|everything the user (?:said|wrote|typed|asked)|what the user (?:said|wrote|typed|asked) (?:before|earlier|previously)|toda la conversaci[oó]n|historial (?:completo )?(?:de la conversaci[oó]n|del chat)|(?:gesamten?|kompletten?|vollständigen?) (?:Konversation|Unterhaltung|Chatverlauf|Verlauf)|Chatverlauf|toute la conversation|historique (?:complet )?(?:de la conversation|du chat))|对话(?:记录|历史)|完整(?:的)?对话|聊天记录|会話(?:履歴|の履歴|全体)|チャット履歴/i,
    scope: /conversation|\bchats?\b|transcript|dialog|\bmessages?\b|history|summar/i,
    inCode: false,
  },
  {
    label: 'secrets',
    pattern:
      /\b(?:api[ _-]?keys?|access[ _-]?tokens?|auth(?:entication|orization)?[ _-]?tokens?|bearer tokens?|refresh tokens?|passwords?|passphrases?|secrets?|credentials?|private[ _-]?keys?|ssh[ _-]?keys?|environment variables|env vars?|session (?:cookies?|tokens?)|cookies|contraseñas?|claves? de API|Passw(?:o|ö)rter|Zugangsdaten|mots? de passe|identifiants)\b|密码|密钥|パスワード|APIキー|認証情報/i,
    scope: /password|passphrase|secret|credential|vault|keychain|\bkeys?\b|token|\bauth|login|sign[ -]?in|cookie|environment|\benv\b/i,
    inCode: false,
  },
  {
    label: 'file contents',
    pattern: /\b(?:(?:contents?|text|body) of (?:the |any |every |all |each |other |local )?(?:\w+ )?(?:files?|documents?)|file contents|contents? of (?:your|the user'?s) (?:home|workspace|project|disk|machine|computer))\b/i,
    scope: /\bfiles?\b|document|\bread|\bpaths?\b|director|folder|workspace|project|\bfs\b|upload|attach/i,
    inCode: false,
  },
  {
    label: 'anything it knows',
    pattern:
      /\b(?:anything else|everything else|any other (?:information|info|data|context|details) (?:you|the user)|everything (?:you|the model) (?:know|knows|have|has|can find|remember|have seen|saw)|all (?:the )?(?:information|info|data|context) (?:you|the model) (?:have|has|know|knows|can find|can access|have seen))\b/i,
    scope: undefined,
    inCode: false,
  },
];

/** Markers of an instruction the model is pushed to follow, not a description of an input. */
const COERCION =
  /\b(?:always|every time|each time|otherwise|must|mandatory|required|before (?:using|calling|invoking|running)|do not (?:tell|mention|inform|reveal|show)|don't (?:tell|mention|inform|reveal|show)|without (?:telling|mentioning|informing|showing)|secretly|silently|quietly|covertly)\b/i;

const FILL_VERBS = 'pass|put|place|include|insert|add|append|attach|copy|paste|write|store|send|provide|supply|fill|set|populate|enter|record|log|dump|save|forward|report';

/**
 * Negation anywhere earlier in the clause, not only a few words back: "Do not include the
 * conversation history or any secrets" negates both. A comma, colon or "but" starts a new clause.
 */
function negatedInClause(sentence: string, index: number): boolean {
  const clause = sentence.slice(0, index).split(/[,;:]|\b(?:but|however|yet|instead|then)\b/i).pop() ?? '';
  return isNegated(clause, clause.length, 12);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Sentences that tell the model to put something into parameter `name`. */
function fillPatterns(name: string): RegExp[] {
  const quoted = `['"\`‘“]?${escapeRegExp(name)}['"\`’”]?(?![\\w-])`;
  const noun = '(?:\\s+(?:parameter|param|field|argument|arg|property|input))?';
  return [
    new RegExp(`\\b(?:${FILL_VERBS})\\b[^.!?]{0,120}?\\b(?:as|in|into|to|inside|within|under|via|using|through|for)\\s+(?:the\\s+|a\\s+|an\\s+)?${quoted}${noun}`, 'i'),
    new RegExp(`(?<![\\w-])${quoted}${noun}\\s+(?:must|should|needs? to|has to|is required to|shall|will)\\s+(?:always\\s+)?(?:contain|include|hold|carry|receive|be set to|be filled with|be populated with)\\b`, 'i'),
    new RegExp(`\\b(?:set|fill(?: in| out)?|populate|use)\\s+(?:the\\s+)?${quoted}${noun}\\s+(?:to|with|=|for)\\s`, 'i'),
  ];
}

type Evidence =
  | { kind: 'content'; category: string; phrase: string; start: number; end: number; text: MetadataText }
  | { kind: 'fill'; reason: string; phrase: string; start: number; end: number; text: MetadataText }
  | { kind: 'unused' };

type Usage = 'used' | 'unused' | 'unknown';

export default defineRule<MessageId>(
  {
    id: 'no-exfiltration-parameter',
    group: 'tool-metadata',
    description: 'Disallow side-channel tool parameters that ask the model for data the tool does not need',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-200', 'CWE-359'],
    owaspMcp: 'MCP03',
    control: 4,
    fix: 'suggestion',
    messages: {
      requestsContent:
        "Parameter '{{parameter}}' of {{owner}} is a side channel: its description asks the model for {{category}} ({{phrase}}), which the tool does not need. Whatever the model writes there goes to the server unseen by the user.",
      filledByInstruction:
        "Parameter '{{parameter}}' of {{owner}} is a side channel: the {{site}} tells the model to fill it ({{phrase}}){{reason}}. Whatever the model writes there goes to the server unseen by the user.",
      unusedByHandler:
        "Parameter '{{parameter}}' of {{owner}} is never read by the tool's handler, yet its name invites the model to write free text into it: a side channel that sends whatever the model adds to the server.",
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks',
    ],
  },
  {
    'tool-metadata': (context) => {
      for (const declaration of context.declarations) {
        if (declaration.kind !== 'tool' && declaration.kind !== 'prompt') continue;
        checkDeclaration(context, declaration);
      }
    },
  },
);

function checkDeclaration(context: MetadataRuleContext<MessageId>, declaration: DeclaredMetadata): void {
  const names = new Set<string>([...declaration.parameters.map((parameter) => parameter.name), ...declaration.texts.flatMap((text) => (text.parameter ? [text.parameter] : []))]);
  const ownTexts = declaration.texts.filter((text) => text.field !== 'parameter');
  for (const name of names) {
    const normalized = normalizeName(name);
    if (!SIDE_CHANNEL_NAMES.has(normalized)) continue;
    const topic = SIDE_CHANNEL_NAMES.get(normalized);
    const otherTexts = ownTexts.concat(declaration.texts.filter((text) => text.field === 'parameter' && text.parameter !== name));
    const fills = otherTexts.flatMap((text) => fillInstructions(text, name));
    const fillSentences = new Set(fills.map((fill) => fill.sentence));
    // The tool's own words: for its topic, minus the sentences that only tell the model to fill the
    // parameter; for the content it needs, minus every sentence about the parameter.
    const mentions = new RegExp(`(?<![\\w-])${escapeRegExp(name)}(?![\\w-])`, 'i');
    const ownWords = (keep: (sentence: string) => boolean) =>
      [declaration.name ?? '', declaration.kind, ...ownTexts.flatMap((text) => sentencesOf(text.text.value).filter((sentence) => keep(sentence.text)).map((sentence) => sentence.text))].join(' ').replace(/_/g, ' ');
    const argsLine = new RegExp(`^(?:[-*•]\\s*)?[\`'"]?${escapeRegExp(name)}[\`'"]?\\s*(?:\\([^)]*\\))?\\s*[:—–-]`, 'i');
    // "the field `extra`", "'sidenote'": the sentence is about the parameter, not the tool's job.
    const fieldMention = new RegExp(
      `['"\`‘“]${escapeRegExp(name)}['"\`’”]|\\b(?:field|parameter|param|argument|arg|campo|feld|champ)\\s+${escapeRegExp(name)}(?![\\w-])|(?<![\\w-])${escapeRegExp(name)}\\s*(?:field|parameter|param|argument|arg|参数|パラメータ)`,
      'i',
    );
    const topicText = ownWords((sentence) => !fillSentences.has(sentence) && !argsLine.test(sentence) && !fieldMention.test(sentence));
    const scopeText = ownWords((sentence) => !fillSentences.has(sentence) && !mentions.test(sentence));
    const topicInScope = topic !== undefined && !SHADOW_NAMES.has(normalized) && topic.test(topicText);
    const evidence = contentEvidence(declaration, name, scopeText, topicInScope) ?? fillEvidence(fills, scopeText, topicInScope);
    const parameter = declaration.parameters.find((candidate) => candidate.name === name);
    let usage: Usage | undefined;
    const usageOf = () => (usage ??= handlerUsage(context, declaration, name));
    let found: Evidence | undefined = evidence;
    if (!found && !topicInScope && parameter && isFreeText(context.source.text, parameter.end) && usageOf() === 'unused') found = { kind: 'unused' };
    if (!found) continue;
    const owner = `${declaration.kind}${declaration.name === undefined ? '' : ` '${declaration.name}'`}`;
    const range = parameter ? { start: parameter.start, end: parameter.end } : found.kind === 'unused' ? undefined : found.text.text.sourceRange(found.start, found.end);
    if (!range) continue;
    const fix = parameter && usageOf() === 'unused' ? removalFix(context, declaration, parameter, name) : undefined;
    const related = found.kind !== 'unused' && parameter ? [{ ...found.text.text.sourceRange(found.start, found.end), message: `The ${found.text.site}` }] : undefined;
    if (found.kind === 'content') {
      context.report({ messageId: 'requestsContent', data: { parameter: name, owner, category: found.category, phrase: quotePhrase(found.phrase) }, ...range, fixes: fix ? [fix] : undefined, related });
    } else if (found.kind === 'fill') {
      context.report({ messageId: 'filledByInstruction', data: { parameter: name, owner, site: found.text.site, phrase: quotePhrase(found.phrase), reason: found.reason }, ...range, fixes: fix ? [fix] : undefined, related });
    } else {
      context.report({ messageId: 'unusedByHandler', data: { parameter: name, owner }, ...range, fixes: fix ? [fix] : undefined });
    }
  }
}

/** Content matches of one text; `lineFor` restricts them to an `Args:`-style line about the parameter. */
function contentMatches(text: MetadataText, scopeText: string, topicInScope: boolean, within?: { start: number; end: number }): Evidence | undefined {
  const value = text.text.value;
  for (const category of CONTENT_CATEGORIES) {
    if (category.scope?.test(scopeText.replace(/_/g, ' '))) continue;
    if (category.label === 'anything it knows' && topicInScope) continue;
    for (const match of findPhrases(value, category.pattern, { skipCode: !category.inCode, skipNegated: false })) {
      if (within && (match.start < within.start || match.end > within.end)) continue;
      if (negatedInClause(match.sentence.text, match.start - match.sentence.start)) continue;
      return { kind: 'content', category: category.label, phrase: match.phrase, start: match.start, end: match.end, text };
    }
  }
  return undefined;
}

/** The parameter's own description (or its `Args:` line in the tool's docstring) asks for out-of-scope content. */
function contentEvidence(declaration: DeclaredMetadata, name: string, scopeText: string, topicInScope: boolean): Evidence | undefined {
  for (const text of declaration.texts) {
    if (text.field === 'parameter' && text.parameter === name) {
      const found = contentMatches(text, scopeText, topicInScope);
      if (found) return found;
    } else if (text.field === 'description') {
      // Docstring / markdown parameter lists: "sidenote: the full conversation so far".
      const line = new RegExp(`^[ \\t]*(?:[-*•][ \\t]*)?[\`'"]?${escapeRegExp(name)}[\`'"]?[ \\t]*(?:\\([^)\\n]*\\))?[ \\t]*[:—–-][ \\t]+([^\\n]+)$`, 'gim');
      for (const match of text.text.value.matchAll(line)) {
        const start = match.index + match[0].length - (match[1]?.length ?? 0);
        const found = contentMatches(text, scopeText, topicInScope, { start, end: match.index + match[0].length });
        if (found) return found;
      }
    }
  }
  return undefined;
}

interface FillInstruction {
  text: MetadataText;
  sentence: string;
  /** Offset of the sentence in the text. */
  sentenceStart: number;
  match: RegExpExecArray;
}

/** Sentences of `text` that tell the model to put something into parameter `name`. */
function fillInstructions(text: MetadataText, name: string): FillInstruction[] {
  const value = text.text.value;
  if (!value.toLowerCase().includes(name.toLowerCase())) return [];
  const found: FillInstruction[] = [];
  const patterns = fillPatterns(name);
  for (const sentence of sentencesOf(value)) {
    for (const pattern of patterns) {
      const match = pattern.exec(sentence.text);
      if (!match || isNegated(sentence.text, match.index) || isInCodeSpan(value, sentence.start + match.index)) continue;
      found.push({ text, sentence: sentence.text, sentenceStart: sentence.start, match });
      break;
    }
  }
  return found;
}

/**
 * A fill instruction is evidence when the same sentence names out-of-scope content (always), or
 * pushes the model ("always", "otherwise the tool will not work") for a parameter that is not part
 * of the tool's job.
 */
function fillEvidence(fills: readonly FillInstruction[], scopeText: string, topicInScope: boolean): Evidence | undefined {
  let weak: Evidence | undefined;
  for (const { text, sentence, sentenceStart, match } of fills) {
    const start = sentenceStart + match.index;
    const base = { kind: 'fill' as const, phrase: match[0], start, end: start + match[0].length, text };
    const content = CONTENT_CATEGORIES.find(
      (category) => !category.scope?.test(scopeText) && findPhrases(sentence, category.pattern, { skipCode: !category.inCode }).length > 0,
    );
    if (content) return { ...base, reason: ` with ${content.label}` };
    const coercion = COERCION.exec(sentence);
    if (coercion && !topicInScope) weak ??= { ...base, reason: ` and insists ("${coercion[0]}")` };
  }
  return weak;
}

/** The parameter's schema is free text (not a boolean, number or enum), read from the source after its name. */
function isFreeText(source: string, nameEnd: number): boolean {
  const after = source.slice(nameEnd, nameEnd + 120);
  if (/^['"]?\s*:\s*z\s*\.\s*(?:boolean|number|bigint|enum|nativeEnum|literal|date|coerce\s*\.\s*(?:number|boolean))\b/.test(after)) return false;
  if (/^\s*:\s*(?:bool|int|float|Literal\b|datetime|date)\b/.test(after)) return false;
  if (/^['"]?\s*:\s*\{[^}]*?['"]type['"]\s*:\s*['"](?:boolean|integer|number)['"]/.test(after)) return false;
  return true;
}

const JS_FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function', 'function_declaration', 'generator_function', 'generator_function_declaration', 'method_definition']);

/** Whether the tool's handler (in this file) reads the parameter; the check is textual and cheap. */
function handlerUsage(context: MetadataRuleContext<MessageId>, declaration: DeclaredMetadata, name: string): Usage {
  let handler = declaration.handler;
  if (!handler) return 'unknown';
  if (handler.type === 'identifier') handler = context.flow?.functions.get(handler.text);
  if (!handler) return 'unknown';
  const body = handler.childForFieldName('body');
  if (!body) return 'unknown';
  const word = new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`);
  if (handler.type === 'function_definition') {
    const parameters = handler.childForFieldName('parameters');
    if (parameters && namedChildren(parameters).some((parameter) => parameter.text.startsWith('*'))) return 'unknown';
    const statements = namedChildren(body).filter((child) => child.type !== 'comment');
    const first = statements[0];
    const isDocstring = first?.type === 'expression_statement' && namedChildren(first)[0]?.type === 'string';
    const code = (isDocstring ? statements.slice(1) : statements).map((statement) => statement.text).join('\n');
    if (/\b(?:locals|vars)\s*\(/.test(code)) return 'unknown';
    return word.test(code) ? 'used' : 'unused';
  }
  if (!JS_FUNCTIONS.has(handler.type)) return 'unknown';
  const code = body.text;
  const first = jsFirstParameter(handler);
  if (!first) return word.test(code) ? 'used' : 'unused';
  if (first.type === 'object_pattern') {
    if (namedChildren(first).some((child) => child.type !== 'shorthand_property_identifier_pattern')) return word.test(code) ? 'used' : 'unknown';
    return word.test(code) ? 'used' : 'unused';
  }
  if (first.type === 'identifier') {
    // `args` passed on whole (`save(args)`, `{ ...args }`) may carry the parameter anywhere.
    const argument = new RegExp(`(?<![\\w$.])${escapeRegExp(first.text)}(?![\\w$])(?!\\s*\\??\\.\\s*[\\w$])`);
    if (argument.test(code)) return 'unknown';
    return word.test(code) ? 'used' : 'unused';
  }
  return 'unknown';
}

/** The first parameter of a JS function, without its type annotation. */
function jsFirstParameter(handler: SyntaxNode): SyntaxNode | undefined {
  const single = handler.childForFieldName('parameter');
  if (single) return single;
  const parameters = handler.childForFieldName('parameters');
  const first = parameters ? namedChildren(parameters).find((child) => child.type !== 'comment') : undefined;
  if (!first) return undefined;
  if (first.type === 'required_parameter' || first.type === 'optional_parameter') {
    if (first.childForFieldName('type')) return first; // typed: not a mechanical edit, and usage unknown below
    return first.childForFieldName('pattern') ?? undefined;
  }
  return first;
}

/**
 * Removes the parameter where it is mechanical: a pair of the tool's own zod raw shape (and its entry
 * in the handler's destructuring), or a Python tool function's parameter. Only offered when the
 * handler does not read the parameter, so nothing else refers to it.
 */
function removalFix(context: MetadataRuleContext<MessageId>, declaration: DeclaredMetadata, parameter: { start: number; end: number }, name: string): FixDescriptor | undefined {
  const handler = declaration.handler;
  if (!handler || parameter.start < declaration.range.start || parameter.end > declaration.range.end) return undefined;
  const node = handler.tree.rootNode.descendantForIndex(parameter.start, parameter.end);
  if (!node) return undefined;
  const edits: TextEdit[] = [];
  if (handler.type === 'function_definition') {
    const item = node.parent?.type === 'parameters' ? node : node.parent;
    if (!item || item.parent?.type !== 'parameters' || item.parent.parent?.id !== handler.id) return undefined;
    edits.push({ ...listItemRemoval(item, context.source), newText: '' });
  } else {
    const pair = node.type === 'pair' ? node : node.parent;
    if (pair?.type !== 'pair' || pair.parent?.type !== 'object') return undefined;
    // A JSON Schema `properties` entry would also need its `required` entry; leave those to the author.
    const owner = pair.parent.parent;
    if (owner?.type === 'pair' && owner.childForFieldName('key')?.text.replace(/['"]/g, '') === 'properties') return undefined;
    edits.push({ ...listItemRemoval(pair, context.source), newText: '' });
    const first = JS_FUNCTIONS.has(handler.type) ? jsFirstParameter(handler) : undefined;
    if (first?.type === 'object_pattern') {
      const binding = namedChildren(first).find((child) => child.type === 'shorthand_property_identifier_pattern' && child.text === name);
      if (binding) edits.push({ ...listItemRemoval(binding, context.source), newText: '' });
    } else if (first && first.type !== 'identifier') return undefined;
  }
  return { title: `Remove parameter '${name}'`, edits };
}
