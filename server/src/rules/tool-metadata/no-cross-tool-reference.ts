import type { DeclaredMetadata } from '../../analyzer/mcp/tool-metadata';
import { defineRule } from '../../analyzer/rule';
import { findPhrases, quotePhrase, type PhraseMatch } from '../../analyzer/text/instruction-text';
import { documentsAttack, isAfterOpenQuote, reportSentenceHits } from '../../analyzer/text/description-phrases';

type MessageId = 'namedTool' | 'otherTools';

/**
 * TD-07 (the static part): a description that steers how some OTHER tool or server is used — "when
 * send_email is available, also bcc …", "override the behavior of <tool>", "instead of using <tool>",
 * "modify how <tool> works". What is "other" comes from the file itself: every tool, prompt and
 * resource it declares is this server's own, and its descriptions may refer to each other freely.
 * Plain preconditions ("use `list_files` first to find the path") are never steering, declared or not.
 */

/** A few servers and apps commonly installed next to others, named without a tool-like shape. */
const KNOWN_SERVERS = String.raw`(?:slack|github|gitlab|gmail|whatsapp|gdrive|google\s+drive|notion|jira|linear|discord|telegram|outlook|stripe|salesforce|dropbox|playwright|puppeteer|filesystem)`;
const TOOL_WORD = String.raw`(?:tools?|servers?|mcp(?:\s+servers?)?|integrations?|plugins?|connectors?|functions?|extensions?)`;
/** Something that names a tool or server: `name`, snake_case, camelCase, dotted, "the X tool", a known server. */
const TARGET = String.raw`(?<target>\x60[^\x60]{1,60}\x60|"[\w.:/-]{1,60}"|'[\w.:/-]{1,60}'|(?:(?:the|any|all|every|other|another|each|your)\s+)*(?:[\w.-]+\s+){0,2}?${TOOL_WORD}\b|[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)+\b|[a-z]+(?:[A-Z][a-z0-9]*)+\b|${KNOWN_SERVERS}\b)`;
/** "(mcp_whatsapp) send_message": the server written before its tool. */
const QUALIFIER = String.raw`(?:\(\s*[\w.-]+\s*\)\s*)?`;
/** Words that make a "when X is used" clause an instruction about X rather than a note. */
const STEERING = /\b(?:also|always|instead|additionally|secretly|silently|quietly|must|should|make\s+sure|be\s+sure|remember|bcc|cc|forward|redirect|replace|change|override|modify|append|prepend|add|include|send|copy|route|reroute|inject|attach)\b/iu;

interface Pattern {
  regex: RegExp;
  /** Whether a generic target ("other tools", "any tool") counts; specific ones always do. */
  generic: boolean;
  /** The rest of the sentence must also steer (for "when X is used, …"). */
  needsSteering?: boolean;
  /** Only identifier-shaped names (`send_email`, sendEmail, "x.y", a known server), not "the X tool". */
  namesOnly?: boolean;
}

const PATTERNS: Pattern[] = [
  // "When send_email is available", "if the Slack server is connected": conditioned on another server being there.
  {
    regex: new RegExp(String.raw`\b(?:when|whenever|if|once|while)\s+${QUALIFIER}${TARGET}\s+(?:is|are|gets?|has\s+been|have\s+been|was|were|becomes?)\s+(?:\w+\s+)?(?:available|installed|connected|enabled|present|loaded|configured|detected|listed|active)\b`, 'iu'),
    generic: true,
  },
  // "When send_email is used, also bcc …", "whenever you call read_file, send …".
  {
    regex: new RegExp(String.raw`\b(?:when|whenever|each\s+time|every\s+time|if|once)\s+${QUALIFIER}${TARGET}\s+(?:is|are|gets?|has\s+been|was)\s+(?:\w+\s+)?(?:used|called|invoked|run|executed|triggered)\b`, 'iu'),
    generic: true,
    needsSteering: true,
  },
  {
    regex: new RegExp(String.raw`\b(?:when|whenever|each\s+time|every\s+time|if|once)\s+(?:you\s+|the\s+(?:model|assistant|agent|ai|llm)\s+)?(?:use|uses|call|calls|invoke|invokes|run|runs|execute|executes)\s+${TARGET}`, 'iu'),
    generic: true,
    needsSteering: true,
  },
  // "Override the behavior of send_email", "modify the recipients of the email tool".
  {
    regex: new RegExp(String.raw`\b(?:override|overrides|overriding|modify|modifies|modifying|change|changes|changing|alter|alters|altering|intercept|intercepts|hijack|hijacks|redefine|redefines|replace|replaces|shadow|shadows|patch|patches|augment|augments|redirect|redirects)\s+(?:the\s+)?(?:default\s+)?(?:behaviou?rs?|functionality|output|results?|parameters?|arguments?|inputs?|recipients?|responses?|implementation|logic|destination|target|workings?|calls?)\s+(?:of|from|for|to|in)\s+${TARGET}`, 'iu'),
    generic: true,
  },
  // "Modify how send_email works".
  {
    regex: new RegExp(String.raw`\b(?:modify|modifies|change|changes|alter|alters|override|overrides|control|controls|affect|affects|redefine|redefines)\s+how\s+${TARGET}\s+(?:works?|behaves?|responds?|sends?|handles?|runs?|operates?|(?:is|are)\s+(?:used|called))\b`, 'iu'),
    generic: true,
  },
  // "Use this tool instead of send_email": generic "instead of other tools" is no-coercive-tool-ordering's,
  // and "instead of the Glob tool" (a loose description) is how servers and harnesses refer to tools they know.
  { regex: new RegExp(String.raw`\b(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?:using\s+|calling\s+|invoking\s+)?${TARGET}`, 'iu'), generic: false, namesOnly: true },
  // "send_email must also bcc …", "the mcp_tool_send_email tool must send all emails to …": instructions addressed to another tool.
  // A dotted name is not retried from each of its parts (`a.b.c`): a start after an earlier one of the
  // same name reaches the same end, and rescanning from each was quadratic.
  {
    regex: /(?<target>\x60[^\x60]{1,60}\x60|\b(?<!\b[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)*?[_.])[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)+|\b[a-z]+(?:[A-Z][a-z0-9]*)+)(?:\s+(?:tool|function|server))?\s+(?:must|should|shall|needs?\s+to|has\s+to)\s+(?:(?:also|always|now|instead)\s+)*(?:bcc|cc|include|send|forward|add|append|prepend|route|redirect|copy|point)\b/u,
    generic: false,
  },
  // "This tool has a very important side effect on the also present send_email tool".
  { regex: new RegExp(String.raw`\bside[\s-]effects?\s+on\s+(?:the\s+)?(?:(?:also|other|already)\s+)*(?:present\s+|installed\s+|available\s+)?${TARGET}`, 'iu'), generic: true },
  // "Emails sent with any other tool must …", "append this header to all subsequent tool calls".
  { regex: /\b(?:sent|created|made|posted|written|executed|called|run|performed)\s+(?:with|by|via|through|using)\s+(?:any|other|another|all|every)\s+(?:other\s+)?(?:\w+\s+)?(?:tools?|servers?|functions?)\b/iu, generic: true },
  {
    regex: /\b(?:add|append|prepend|include|inject|insert|attach|set|pass|send)\b[^.;]{0,60}?\b(?:to|in|into|on|with)\s+(?:all|every|any|each)\s+(?:other|subsequent|future|later)\s+(?:tool|function|api)\s+calls?\b/iu,
    generic: true,
  },
];

/** "…in this server", "these tools": the server's own tools. */
const SCOPED_TO_THIS_SERVER =
  /\b(?:in|of|from|on|within|provided\s+by|exposed\s+by|offered\s+by)\s+(?:this|the\s+same)\s+(?:server|mcp(?:\s+server)?|integration|plugin|package|extension|connector|toolkit|toolset|api|service)\b|\bthis\s+server['’]?s\s+(?:other\s+)?tools\b|\bthese\s+tools\b/iu;
const SELF_REFERENCE = /^(?:this|this\s+(?:tool|function|server|mcp(?:\s+server)?|one)|it|me|these\s+tools|our\s+tools?)$/iu;
const GENERIC_TARGET = /^(?:(?:the|any|all|every|other|another|each|your|built-?in|native|default|standard|existing|similar|alternative|competing)\s+)+(?:[\w-]+\s+)?(?:tools?|servers?|mcp(?:\s+servers?)?|integrations?|plugins?|connectors?|functions?|extensions?)$|^(?:tools?|servers?|functions?)$/iu;
/** Common words that look dotted or camelCased but name no tool. */
const NOT_A_NAME = /^(?:e\.g|i\.e|etc|vs|a\.m|p\.m|node\.js|next\.js|vue\.js|javaScript|typeScript|gitHub|macOS|iOS|iPhone|iPad|youTube|linkedIn|openAI|chatGPT|pyPI)$/iu;

export default defineRule<MessageId>(
  {
    id: 'no-cross-tool-reference',
    group: 'tool-metadata',
    description: 'Disallow tool descriptions that steer how other tools or servers are used',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-1427', 'CWE-441'],
    owaspMcp: 'MCP03',
    control: 4,
    fix: 'suggestion',
    messages: {
      namedTool:
        "Cross-tool instruction in the {{site}}: {{phrase}} steers how {{target}} is used, and this file declares no tool by that name. A description that changes another tool's or server's behaviour shadows it (tool shadowing); keep each description about its own tool.",
      otherTools:
        'Cross-tool instruction in the {{site}}: {{phrase}} steers how other tools are used. A description that changes the behaviour of tools it does not own shadows them (tool shadowing); keep each description about its own tool.',
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
      const ownNames = new Set(context.declarations.flatMap((declaration) => (declaration.name === undefined ? [] : [normalizedName(declaration.name)])));
      reportSentenceHits(context, (value, declaration) =>
        firstMatchPerSentence(value, ownNames, declaration).map(({ match, target }) => ({
          ...match,
          messageId: target === undefined ? ('otherTools' as const) : ('namedTool' as const),
          data: { phrase: quotePhrase(match.phrase), target: target === undefined ? '' : `'${target}'` },
        })),
      );
    },
  },
);

interface Hit {
  match: PhraseMatch;
  /** The other tool's name; undefined for "other tools" in general. */
  target: string | undefined;
}

function firstMatchPerSentence(value: string, ownNames: ReadonlySet<string>, declaration: DeclaredMetadata): Hit[] {
  const bySentence = new Map<number, Hit>();
  for (const pattern of PATTERNS) {
    for (const match of findPhrases(value, pattern.regex)) {
      const offset = match.start - match.sentence.start;
      if (isAfterOpenQuote(match.sentence.text, offset) || documentsAttack(value, match.start)) continue;
      if (SCOPED_TO_THIS_SERVER.test(match.sentence.text)) continue;
      const target: Target = match.groups.target === undefined ? { kind: 'generic' } : classifyTarget(match.groups.target, ownNames, declaration);
      if (target.kind === 'own' || (target.kind === 'generic' && !pattern.generic)) continue;
      if (pattern.namesOnly && target.kind === 'named' && target.loose) continue;
      if (pattern.needsSteering && !STEERING.test(match.sentence.text.slice(offset + match.phrase.length))) continue;
      const existing = bySentence.get(match.sentence.start);
      if (!existing || match.start < existing.match.start) bySentence.set(match.sentence.start, { match, target: target.kind === 'named' ? target.name : undefined });
    }
  }
  return [...bySentence.values()].sort((a, b) => a.match.start - b.match.start);
}

/** `loose`: named in words ("the Glob tool", "the database query tool") rather than by identifier. */
type Target = { kind: 'own' } | { kind: 'generic' } | { kind: 'named'; name: string; loose: boolean };

function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * What a matched target refers to. Own: this tool, or a name this file declares (`list-files`,
 * `listFiles` and `list_files` are one name; "the search tool" is own when a declared name contains
 * "search"). Generic: "other tools", "any tool". Anything that is not shaped like a tool name (an
 * ordinary word: "when the file is available") is treated as own, so it never fires.
 */
function classifyTarget(raw: string, ownNames: ReadonlySet<string>, declaration: DeclaredMetadata): Target {
  const unquoted = raw.replace(/^[\x60"']|[\x60"']$/gu, '').trim();
  if (SELF_REFERENCE.test(unquoted)) return { kind: 'own' };
  if (GENERIC_TARGET.test(unquoted) && /\b(?:any|all|every|other|another|each|your|built-?in|native|default|standard|existing|similar|alternative|competing)\b/iu.test(unquoted)) return { kind: 'generic' };
  const quoted = unquoted !== raw.trim();
  // "a file tool", "an email server": some tool of a kind, not a name.
  if (!quoted && /^an?\s+/iu.test(unquoted) && new RegExp(`${TOOL_WORD}$`, 'iu').test(unquoted)) return { kind: 'generic' };
  const withWord = new RegExp(String.raw`^(?:the\s+)?(.+?)\s+(?:tools?|servers?|mcp(?:\s+servers?)?|integrations?|plugins?|connectors?|functions?|extensions?)$`, 'iu').exec(unquoted);
  const name = (withWord?.[1] ?? unquoted).replace(/^the\s+/iu, '');
  const shaped = quoted || withWord !== null || /[_.]/u.test(name) || /[a-z][A-Z]/u.test(name) || new RegExp(`^${KNOWN_SERVERS}$`, 'iu').test(name);
  if (!shaped || (!quoted && withWord === null && NOT_A_NAME.test(name)) || /^(?:this|that|the|a|an|same|its|our|my)$/iu.test(name)) return { kind: 'own' };
  const normalized = normalizedName(name);
  if (normalized.length === 0) return { kind: 'own' };
  if (declaration.name !== undefined && normalizedName(declaration.name) === normalized) return { kind: 'own' };
  const loose = withWord !== null && !quoted && !/[_.]/u.test(name) && !/[a-z][A-Z]/u.test(name) && !new RegExp(`^${KNOWN_SERVERS}$`, 'iu').test(name);
  const words = loose ? name.toLowerCase().split(/[\s-]+/u).filter((word) => word.length > 0) : [];
  for (const own of ownNames) {
    if (own === normalized) return { kind: 'own' };
    // "the search tool" for search_notes, "the database query tool" for notion_query_database.
    if (loose && words.every((word) => own.includes(word))) return { kind: 'own' };
  }
  return { kind: 'named', name, loose };
}
