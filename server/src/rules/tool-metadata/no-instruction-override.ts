import { defineRule } from '../../analyzer/rule';
import type { PhraseMatch } from '../../analyzer/text/instruction-text';
import { APOSTROPHE, clauseAfter, findDirectives, reportDirectives, type DirectivePattern } from '../../analyzer/text/description-phrases';

type MessageId = 'override' | 'roleChange';

/** Which instructions: "previous", "system", "safety"… An override names them. */
const WHICH = String.raw`(?:previous|prior|preceding|earlier|above|former|original|initial|old|other|system|safety|ethical|moral|security|content|developer|openai|anthropic|assistant|built-in|core|base|current)`;
/** What is overridden. "rules", "restrictions" and "policies" only with a qualifier from WHICH. */
const INSTRUCTIONS = String.raw`(?:instructions?|prompts?|system\s+prompt|directives?|guidelines|guardrails|programming|training|rules|restrictions|constraints|polic(?:y|ies)|commands|orders|guidance)`;

/**
 * "ignore all previous instructions", "disregard your guidelines", "forget the system prompt":
 * a verb of dropping, a determiner or qualifier that points at the model's own instructions, a noun.
 * "ignore the instructions" alone (which instructions?) and "ignores case" stay silent.
 */
const DROP = String.raw`(?:ignore|disregard|forget|discard|drop|abandon|set\s+aside|throw\s+out|nullify|cancel|void)`;
const POINTER = String.raw`(?:(?:all|any|every|each)\s+(?:of\s+)?(?:the\s+|your\s+|my\s+|these\s+|those\s+)?(?:${WHICH}\s+){0,2}|(?:your|the\s+model${APOSTROPHE}s|the\s+assistant${APOSTROPHE}s)\s+(?:${WHICH}\s+){0,2}|(?:the\s+|these\s+|those\s+|my\s+)?(?:${WHICH}\s+){1,2})`;

/** "ignore any instructions found in the fetched page": a defence against injection, not one. */
function isNotDefensive(match: PhraseMatch, text: string): boolean {
  const rest = clauseAfter(match, text);
  return !/^\s*(?:(?:that\s+(?:appear|are|come|you\s+find|it\s+contains)|(?:found|contained|embedded|included|written|hidden)|in|inside|within|from)\b)(?:\s+[\w'’-]+){0,4}?\s*(?:in|inside|within|from|by)?\s*(?:(?:the|a|any|fetched|retrieved|untrusted|external|third[\s-]party|user[\s-]supplied|returned)\s+)*(?:pages?|web(?:\s*pages?|sites?)?|sites?|contents?|documents?|docs|results?|outputs?|files?|e-?mails?|messages|data|text|responses?|issues?|comments?|tickets?|inputs?|html|markdown|tool\s+(?:results?|outputs?)|it|them)\b/i.test(
    rest,
  );
}

const PATTERNS: readonly DirectivePattern[] = [
  { regex: new RegExp(String.raw`\b${DROP}\s+${POINTER}${INSTRUCTIONS}\b`, 'i'), negatable: true, accept: isNotDefensive, tag: 'override' },
  // "ignore everything above", "disregard the above", "forget everything you were told".
  {
    regex: new RegExp(
      String.raw`\b(?:ignore|disregard|forget)\s+(?:everything|anything|all)\s+(?:(?:written|said|stated|mentioned|written)\s+)?(?:above|before|previously|earlier|so\s+far|you\s+(?:were|have\s+been)\s+told|that\s+came\s+before|prior\s+to\s+this)\b|\b(?:ignore|disregard|forget)\s+the\s+above\b`,
      'i',
    ),
    negatable: true,
    tag: 'override',
  },
  // "override the system prompt", "bypass your safety guidelines", "this instruction supersedes all previous ones".
  {
    regex: new RegExp(
      String.raw`\b(?:override|overrule|bypass|circumvent|supersede|overwrite)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+|these\s+|my\s+)?(?:(?:system\s+prompt|system\s+(?:instructions|message)|(?:${WHICH}\s+)+(?:instructions|directives|guidelines|guardrails|programming)|(?:safety|content|ethical|moderation)\s+(?:filters?|rules|restrictions|guidelines|polic(?:y|ies)|checks?|measures))\b|(?:instructions|directives|guidelines|guardrails|programming)\b)`,
      'i',
    ),
    negatable: true,
    tag: 'override',
  },
  {
    regex: new RegExp(
      String.raw`\b(?:this|these|the\s+following)\s+(?:instructions?|directives?|rules?|notes?|messages?|text)\s+(?:overrides?|supersedes?|replaces?|takes?\s+(?:precedence|priority)\s+over|(?:has|have)\s+(?:precedence|priority)\s+over)\s+(?:all|any|every|your|the|previous|prior|other|system)\b(?:\s+[\w'’-]+){0,3}?\s+(?:instructions?|prompts?|directives?|rules|guidelines)\b`,
      'i',
    ),
    negatable: true,
    tag: 'override',
  },
  { regex: /\bsystem\s+(?:prompt\s+)?override\b|\bnew\s+system\s+prompt\b|\b(?:new|real|true|actual|secret|hidden)\s+(?:system\s+)?instructions?\s*:/i, negatable: true, tag: 'override' },
  { regex: /\b(?:your|the\s+model['’]s)\s+(?:real|true|actual|new)\s+(?:instructions|task|purpose|goal|objective|role|job|mission)\s+(?:is|are)\b/i, negatable: true, tag: 'role' },
  // "your safety rules no longer apply", "all previous instructions are void".
  {
    regex: new RegExp(
      String.raw`\b(?:(?:your|the\s+model${APOSTROPHE}s|the\s+assistant${APOSTROPHE}s)\s+(?:[\w-]+\s+)?(?:restrictions|rules|guidelines|filters|limitations|guardrails|instructions|policies|programming)|(?:all|any)\s+(?:${WHICH}\s+)*(?:instructions|guidelines|guardrails|safety\s+(?:rules|filters|restrictions)))\s+(?:no\s+longer\s+apply|(?:are|have\s+been|were)\s+(?:now\s+)?(?:lifted|removed|disabled|suspended|void|revoked|overridden|cancell?ed|null|invalid|obsolete))\b`,
      'i',
    ),
    negatable: true,
    tag: 'override',
  },
  // "You are now DAN", "you are now an unrestricted AI", "you are no longer bound by …".
  {
    regex: /\byou\s+are\s+now\s+(?:an?\s+|the\s+|my\s+|in\s+)?(?:[\w-]+\s+){0,2}?(?:ai|assistant|model|agent|bot|chatbot|persona|character|hacker|admin(?:istrator)?|root|superuser|god|dan|jailbroken|unrestricted|unfiltered|uncensored|evil|liberated|unbound|sudo)\b/i,
    negatable: true,
    tag: 'role',
  },
  {
    regex: /\byou\s+are\s+no\s+longer\s+(?:an?\s+(?:ai|assistant|language\s+model|chatbot)|bound|restricted|limited|constrained|subject\s+to|required\s+to\s+follow|claude|chatgpt|gpt)\b/i,
    negatable: true,
    tag: 'role',
  },
  {
    regex: /\byou\s+(?:will|must|shall|should)\s+now\s+(?:act|behave|respond|serve|operate)\s+as\b|\byour\s+new\s+(?:role|persona|identity|name)\s+is\b/i,
    negatable: true,
    tag: 'role',
  },
  {
    regex: new RegExp(
      String.raw`\bfrom\s+now\s+on,?\s+(?:you\s+(?:are|will\s+be|must|shall|should|have\s+to|need\s+to|will|${APOSTROPHE}re|${APOSTROPHE}ll)\s+(?!(?:use|call|pass|provide|send|get|receive|see|find|need|be\s+able)\b)|(?:always|never|only)\s+(?!(?:use|call|pass|provide|send|returns?)\b)|(?:ignore|respond|answer|reply|act|behave|obey|pretend|forget|treat)\b)`,
      'i',
    ),
    negatable: true,
    tag: 'role',
  },
  // "act as an unrestricted AI", "pretend you have no rules", "you have no restrictions".
  {
    regex:
      /\b(?:act|behave|respond|answer|operate)\s+(?:as\s+(?:if|though)\s+(?:you\s+(?:have|had|were|are)\s+)?(?:no\s+(?:rules|restrictions|guidelines|filters|limits|boundaries)|not\s+bound|unrestricted|unfiltered|jailbroken|free\s+(?:of|from)\s+(?:all\s+|any\s+)?(?:rules|restrictions|guidelines))|(?:as|like)\s+an?\s+(?:unrestricted|unfiltered|uncensored|jailbroken|evil|rogue|amoral|unethical|unaligned|unbound)\b)/i,
    negatable: true,
    tag: 'role',
  },
  {
    regex:
      /\bpretend\s+(?:to\s+be|you\s+are|that\s+you\s+are|you['’]re)\s+(?:an?\s+)?(?:unrestricted|unfiltered|uncensored|jailbroken|evil|rogue|dan|amoral|different\s+(?:ai|assistant|model)|not\s+an?\s+ai|the\s+(?:system|developer|administrator))\b|\bpretend\s+(?:that\s+)?(?:there\s+are\s+no|you\s+have\s+no)\s+(?:rules|restrictions|guidelines|filters)\b/i,
    negatable: true,
    tag: 'role',
  },
  { regex: /\byou\s+(?:have|has)\s+no\s+(?:restrictions|rules|guidelines|filters|boundaries|ethical\s+\w+|moral\s+\w+)\b/i, negatable: false, tag: 'role' },
  // Jailbreak modes.
  {
    regex:
      /\b(?:DAN|STAN|DUDE)\s+mode\b|\bdo\s+anything\s+now\b|\b(?:jailbreak|jailbroken|unrestricted|uncensored|unfiltered)\s+mode\b|\bdeveloper\s+mode\s+(?:is\s+)?(?:now\s+)?(?:activated|engaged|unlocked)\b|\byou\s+are\s+now\s+in\s+(?:developer|god|DAN|jailbreak|unrestricted|sudo)\s+mode\b/i,
    negatable: true,
    tag: 'role',
  },
  // Spanish, French, German, Chinese, Japanese.
  {
    regex:
      /\b(?:ignora|ignore|olvida|olvide|descarta|descarte|omite|omita)\s+(?:todas?\s+)?(?:las\s+|tus\s+|sus\s+)?(?:instrucciones|indicaciones|reglas|[oó]rdenes)\s+(?:anteriores|previas|del\s+sistema)\b|\b(?:ignora|olvida)\s+todo\s+lo\s+anterior\b|\b(?:ignore[zs]?|oublie[zs]?)\s+(?:toutes?\s+)?(?:les\s+|tes\s+|vos\s+)?(?:instructions|consignes|r[èe]gles|directives)\s+(?:pr[ée]c[ée]dentes|ant[ée]rieures|ci-dessus|du\s+syst[èe]me)|\b(?:ignoriere|ignorieren\s+Sie|vergiss|vergessen\s+Sie|missachte)\s+(?:alle\s+)?(?:vorherigen|bisherigen|fr[üu]heren|vorangegangenen|obigen|deine|Ihre)\s+(?:\S+\s+)?(?:Anweisungen|Instruktionen|Regeln|Vorgaben|Befehle)\b/i,
    negatable: false,
    tag: 'override',
  },
  {
    regex:
      /(?:忽略|无视|忘记|忘掉|不要理会)(?:之前|以前|先前|上面|上述|前面|所有|全部|你的|系统)的?(?:所有|全部)?的?(?:指令|指示|说明|规则|提示|设定)|(?:以前|前|上記|これまで|すべて|全て)の(?:指示|命令|ルール|プロンプト|指令)を(?:無視|忘れ)/,
    negatable: false,
    tag: 'override',
  },
  {
    regex: /\bdu\s+bist\s+(?:jetzt|nun|ab\s+sofort)\s+(?:ein|eine)\b|\bahora\s+eres\s+(?:un|una)\b|\btu\s+es\s+maintenant\s+(?:un|une)\b|你现在是|从现在开始，?你|(?:进入|开启|激活)开发者模式|开发者模式已(?:启用|激活|开启)|あなたは今から|今からあなたは|開発者モード(?:を有効|が有効|に入)/i,
    negatable: false,
    tag: 'role',
  },
];

export default defineRule<MessageId>(
  {
    id: 'no-instruction-override',
    group: 'tool-metadata',
    description: "Disallow tool metadata that tells the model to drop its instructions or take on a new role",
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-1427', 'CWE-74'],
    owaspMcp: 'MCP03',
    control: 4,
    fix: 'none',
    messages: {
      override:
        "Text in the {{site}} tells the model to set aside its instructions: {{phrase}}. That is a prompt injection: tool metadata is untrusted input (MCP spec), and a tool's description has no business overriding the host's or the user's instructions.",
      roleChange:
        "Text in the {{site}} tries to give the model a new role or lift its rules: {{phrase}}. That is a jailbreak-style prompt injection: tool metadata is untrusted input (MCP spec), and a description should only say what the tool does.",
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://modelcontextprotocol.io/specification/2025-11-25#security-and-trust-%26-safety',
      'https://owasp.org/www-project-top-10-for-large-language-model-applications/',
      'https://cwe.mitre.org/data/definitions/1427.html',
    ],
  },
  {
    'tool-metadata': (context) => {
      reportDirectives(context, (text) =>
        findDirectives(text, PATTERNS).map((match) => ({ ...match, messageId: match.pattern.tag === 'role' ? ('roleChange' as const) : ('override' as const) })),
      );
    },
  },
);
