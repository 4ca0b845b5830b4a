import type { DeclaredMetadata } from '../../analyzer/mcp/tool-metadata';
import { defineRule } from '../../analyzer/rule';
import { documentsAttack, isAfterOpenQuote, reportSentenceHits } from '../../analyzer/text/description-phrases';
import { findPhrases, quotePhrase, type PhraseMatch } from '../../analyzer/text/instruction-text';

type MessageId = 'callFirst' | 'priority' | 'dependency';

/**
 * TD-04. Coercion is an ordering or priority demand whose scope is the model's whole tool use: this
 * tool "first", "before any other tool", "for every request", "instead of other tools", or "other
 * tools will not work unless…". A precondition that names one specific tool ("call `initialize`
 * before using this tool", "call list_tables before query") or is scoped to this server's own
 * tools documents a workflow and stays silent.
 */

const SELF = String.raw`(?:this\s+(?:tool|function|server|mcp\s+tool|one)|me)`;
/** Where an ordering demand applies to everything the model does, not to one named tool. */
const UNIVERSAL_ORDER = String.raw`(?:first\b(?!,?\s+(?:before|when|if|whenever|once|after)\b)|before\s+(?:(?:using|calling|invoking|running|executing|trying|accessing|doing|taking|you\s+(?:use|call|invoke|run|try|do|take))\s+)?(?:any|all|every|each|other|another|anything|responding|answering|replying|proceeding)\b|at\s+the\s+(?:very\s+)?(?:start|beginning)\s+of\s+(?:every|each|any|all|the|a)\s+(?:new\s+)?(?:conversation|session|chat|turn|task|request|interaction)s?\b|(?:on|for|with|after|before|in|at)\s+(?:every|each|all|any)\s+(?:(?:single|new|user|other)\s+)*(?:request|message|query|prompt|turn|task|conversation|session|interaction|response|reply|chat|tool\s+call|tool|action|step)s?\b(?!\s+(?:about|regarding|related|involving|that|which|concerning|where|on|for)\b))`;
const MANDATE = String.raw`(?:always\s+|(?:you\s+)?(?:must|have\s+to|need\s+to|are\s+required\s+to|shall|should)\s+(?:always\s+)?)`;
const CALL = String.raw`(?:call|use|run|invoke|execute|trigger|start\s+(?:by|with)\s+(?:calling|using|running|invoking))`;
const OTHER_TOOLS = String.raw`(?:other|another|different|built-?in|native|default|standard|existing|similar|alternative|competing)\s+(?:\w+\s+)?(?:tools?|functions?|servers?|commands?|capabilit(?:y|ies)|methods?)\b`;

interface Pattern {
  messageId: MessageId;
  regex: RegExp;
  /** Extra condition on the match (the sentence it is in, the declaration it describes). */
  accept?: (match: PhraseMatch, declaration: DeclaredMetadata) => boolean;
}

const PATTERNS: Pattern[] = [
  // "Always call this tool first", "you must use this tool before any other tool", "call me at the start of every conversation".
  {
    messageId: 'callFirst',
    regex: new RegExp(String.raw`(?<mandate>\b${MANDATE})?\b${CALL}\s+(?<object>${SELF}|(?:the\s+)?\x60?[A-Za-z][\w.-]*\x60?)(?:\s+(?:tool|function))?\s*,?\s+(?:\w+\s+)?(?<scope>${UNIVERSAL_ORDER})`, 'iu'),
    accept: (match, declaration) => refersToSelf(match.groups.object ?? '', declaration) && (match.groups.mandate !== undefined || !/^first/i.test(match.groups.scope ?? '')),
  },
  // "This tool must always be called first / before any other tool", "it must be the first tool you call".
  {
    messageId: 'callFirst',
    regex: new RegExp(String.raw`\b(?:this\s+(?:tool|function)|it)\s+(?:must|should|has\s+to|needs\s+to|is\s+required\s+to|shall)\s+(?:always\s+)?(?:be\s+(?:called|used|run|invoked|executed|triggered)\s+(?:\w+\s+)?(?:${UNIVERSAL_ORDER})|be\s+the\s+(?:very\s+)?first\s+(?:tool|function|thing|step|call)\b)`, 'iu'),
  },
  // "Before using any other tool, …": conditions every other tool on something this description wants.
  {
    messageId: 'callFirst',
    regex: new RegExp(String.raw`\bbefore\s+(?:(?:using|calling|invoking|running|executing|trying|accessing|you\s+(?:use|call|invoke|run|try))\s+(?:any|all|every|each|other|another|the\s+other)\s+(?:other\s+)?|(?:any|all|every|each)\s+other\s+)(?:\w+\s+)?(?:tools?|functions?|commands?|servers?|capabilit(?:y|ies)|actions?)\b`, 'iu'),
  },
  { messageId: 'priority', regex: new RegExp(String.raw`\bprioriti[sz]e\s+(?:using\s+|calling\s+)?(?:${SELF}|it)\b`, 'iu') },
  { messageId: 'priority', regex: new RegExp(String.raw`\b(?:this\s+(?:tool|function|server)|it)\s+(?:always\s+)?(?:takes?|has|gets?|should\s+(?:take|have|get)|must\s+(?:take|have|get))\s+(?:top\s+|highest\s+|absolute\s+|first\s+)?(?:priority|precedence)\b`, 'iu') },
  {
    messageId: 'priority',
    regex: new RegExp(String.raw`\b(?:use|call|prefer|choose|pick|select)\s+${SELF}\s+(?:\w+\s+){0,3}?(?:instead\s+of|rather\s+than|in\s+place\s+of|over|before)\s+(?:using\s+|calling\s+)?(?:(?:any|all|every|the|your)\s+)?${OTHER_TOOLS}`, 'iu'),
  },
  { messageId: 'priority', regex: new RegExp(String.raw`\b(?:do\s+not|don't|never)\s+(?:use|call|invoke)\s+(?:any\s+)?${OTHER_TOOLS}`, 'iu') },
  { messageId: 'priority', regex: new RegExp(String.raw`\b(?:only|exclusively)\s+(?:use|call)\s+${SELF}\s+(?:for\s+(?:all|any|every|everything)\b|and\s+(?:no|nothing)\b)`, 'iu') },
  { messageId: 'priority', regex: new RegExp(String.raw`\bthis\s+(?:tool|function)\s+(?:replaces|supersedes|overrides|takes\s+over)\s+(?:all|any|every|the\s+other|other)\s+`, 'iu') },
  // "The other tools will not work unless this tool is called first".
  {
    messageId: 'dependency',
    regex: /\b(?:(?:the|all(?:\s+the)?|any|every|no|none\s+of\s+the)\s+)?other\s+(?:\w+\s+)?(?:tools?|functions?|commands?)\s+(?:will\s+|would\s+|may\s+|can\s+)?(?:not|never|fail|won't|cannot|can't|do\s+not|don't|does\s+not|doesn't|are\s+(?:disabled|unavailable|blocked|locked|broken)|work|function|succeed|respond)\b[^.;]{0,60}?\b(?:unless|until|without|only\s+(?:after|if|when|once))\b/iu,
    accept: (match, declaration) => mentionsSelfAfter(match, declaration),
  },
  { messageId: 'dependency', regex: /\bnothing\s+(?:else\s+)?(?:will\s+|would\s+)?(?:work|function|succeed)s?\s+(?:unless|until|without)\b/iu, accept: (match, declaration) => mentionsSelfAfter(match, declaration) },
  {
    messageId: 'dependency',
    regex: new RegExp(String.raw`\b(?:all|every|any|the)\s+(?:other\s+)?(?:tools?|functions?)\s+(?:require|depend\s+on|need|rely\s+on)s?\s+(?:${SELF}|calling\s+${SELF}|it)\b`, 'iu'),
  },
  // Spanish, German, French, Chinese, Japanese forms of "always call this tool first" / "before any other tool".
  { messageId: 'callFirst', regex: /\bsiempre\s+(?:llam|us|ejecut|invoc|utiliz)\w*\s+(?:a\s+)?esta\s+herramienta\s+(?:primero|antes)/iu },
  { messageId: 'callFirst', regex: /\bantes\s+de\s+(?:usar|llamar\s+a|utilizar|ejecutar|invocar)\s+(?:cualquier|otras?|ninguna|todas\s+las)\s+(?:otras?\s+)?herramientas?/iu },
  { messageId: 'callFirst', regex: /\b(?:rufe|ruf|rufen\s+Sie|verwende|verwenden\s+Sie|nutze|nutzen\s+Sie)\s+(?:dieses|das)\s+(?:Tool|Werkzeug)\s+immer\s+zuerst/iu },
  { messageId: 'callFirst', regex: /\b(?:vor\s+(?:der\s+Nutzung|der\s+Verwendung|dem\s+Aufruf)\s+(?:eines|aller|jedes)\s+(?:anderen\s+)?(?:Tools?|Werkzeugs?)|bevor\s+(?:du|Sie)\s+(?:ein|irgendein|andere)\w*\s+(?:anderes?\s+)?(?:Tools?|Werkzeuge?))/iu },
  { messageId: 'callFirst', regex: /\b(?:appel(?:le|les|ez|er)|utilis(?:e|es|ez|er))\s+toujours\s+cet\s+outil\s+en\s+premier|\bavant\s+d['’](?:utiliser|appeler)\s+(?:tout\s+autre|n['’]importe\s+quel\s+autre|les\s+autres|un\s+autre|d['’]autres)\s+outils?/iu },
  { messageId: 'callFirst', regex: /在(?:使用|调用)(?:任何|所有|其他|其它)(?:其他|其它)?工具之前|(?:总是|始终|务必|必须|一定要)\s*(?:首先|先)\s*(?:调用|使用)(?:此|这个|本|该)工具/u },
  { messageId: 'callFirst', regex: /(?:他の|ほかの|すべての|どの)ツールを(?:使う|使用する|呼び出す|実行する)前に|必ず(?:最初に|先に)この(?:ツール|関数)を/u },
];

/** "…of this server", "these tools": a precondition among the server's own tools, not a claim on the model's other tools. */
const SCOPED_TO_THIS_SERVER =
  /\b(?:in|of|from|on|within|provided\s+by|exposed\s+by|offered\s+by)\s+(?:this|the\s+same)\s+(?:server|mcp(?:\s+server)?|integration|plugin|package|extension|connector|toolkit|toolset|api|service)\b|\bthis\s+server['’]?s\s+(?:other\s+)?tools\b|\bthese\s+tools\b/iu;

export default defineRule<MessageId>(
  {
    id: 'no-coercive-tool-ordering',
    group: 'tool-metadata',
    description: 'Disallow tool descriptions that order the model to call the tool first, prefer it over every other tool, or claim other tools depend on it',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-1427'],
    owaspMcp: 'MCP03',
    control: 4,
    fix: 'suggestion',
    messages: {
      callFirst:
        'Coercive ordering in the {{site}}: {{phrase}} makes this tool a mandatory first step for everything the model does. A description that demands to run first hijacks tool selection in every conversation (tool poisoning); state a real precondition on the one tool it applies to.',
      priority:
        'Coercive priority in the {{site}}: {{phrase}} tells the model to prefer this tool to all others. It steers calls away from the tools the user chose (tool poisoning); describe what the tool does and let the model choose.',
      dependency:
        'False dependency in the {{site}}: {{phrase}} claims other tools only work after this one. A tool cannot know what other servers need; the claim makes the model call it before everything (tool poisoning).',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25',
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks',
      'https://cwe.mitre.org/data/definitions/1427.html',
    ],
  },
  {
    'tool-metadata': (context) => {
      reportSentenceHits(context, (value, declaration) =>
        firstMatchPerSentence(value, declaration).map(({ pattern, match }) => ({ ...match, messageId: pattern.messageId, data: { phrase: quotePhrase(match.phrase) } })),
      );
    },
  },
);

function firstMatchPerSentence(value: string, declaration: DeclaredMetadata): Array<{ pattern: Pattern; match: PhraseMatch }> {
  const bySentence = new Map<number, { pattern: Pattern; match: PhraseMatch }>();
  for (const pattern of PATTERNS) {
    for (const match of findPhrases(value, pattern.regex)) {
      if (isAfterOpenQuote(match.sentence.text, match.start - match.sentence.start) || documentsAttack(value, match.start)) continue;
      if (SCOPED_TO_THIS_SERVER.test(match.sentence.text)) continue;
      if (pattern.accept && !pattern.accept(match, declaration)) continue;
      const existing = bySentence.get(match.sentence.start);
      if (!existing || match.start < existing.match.start) bySentence.set(match.sentence.start, { pattern, match });
    }
  }
  return [...bySentence.values()].sort((a, b) => a.match.start - b.match.start);
}

function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function refersToSelf(object: string, declaration: DeclaredMetadata): boolean {
  const bare = object.replace(/\x60/g, '');
  if (new RegExp(`^${SELF}$`, 'iu').test(bare)) return true;
  return declaration.name !== undefined && normalizedName(bare) === normalizedName(declaration.name);
}

/** The rest of the sentence makes the condition about this tool ("…unless this tool is called first"). */
function mentionsSelfAfter(match: PhraseMatch, declaration: DeclaredMetadata): boolean {
  const rest = match.sentence.text.slice(match.start - match.sentence.start);
  if (new RegExp(String.raw`\b(?:${SELF}|it|calling\s+this)\b`, 'iu').test(rest)) return true;
  return declaration.name !== undefined && rest.toLowerCase().includes(declaration.name.toLowerCase());
}
