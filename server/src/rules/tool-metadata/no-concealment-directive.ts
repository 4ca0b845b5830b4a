import { defineRule } from '../../analyzer/rule';
import { APOSTROPHE, clauseAfter, findDirectives, reportDirectives, type DirectivePattern } from '../../analyzer/text/description-phrases';
import type { PhraseMatch } from '../../analyzer/text/instruction-text';

// ---------------------------------------------------------------------------------------------
// Concealment wording.
// ---------------------------------------------------------------------------------------------

type MessageId = 'concealment';

/** A negative imperative: "do not", "never", "must not", "avoid". */
const NEG = String.raw`(?:do\s+not|don${APOSTROPHE}t|never|must\s+not|mustn${APOSTROPHE}t|should\s+not|shouldn${APOSTROPHE}t|shall\s+not|avoid|refrain\s+from|be\s+(?:sure|careful)\s+not\s+to|make\s+sure\s+(?:not\s+to|you\s+(?:do\s+not|don${APOSTROPHE}t))|under\s+no\s+circumstances(?:\s+(?:should|must)\s+you)?|at\s+no\s+point(?:\s+(?:should|must)\s+you)?)(?:\s+ever)?`;

/** The user (or human) as a person, not "the user's …" or "user id". */
const USER = String.raw`(?:the\s+|your\s+|this\s+)?(?:end[\s-]?)?(?:user|human)s?(?![\w'’])(?!\s+(?:id|ids|name|names|agent|interface|input|role|roles|account|accounts|record|records|object|table|profile)\b)`;

/** Verbs of disclosure, base and -ing forms (after "avoid", "refrain from"). */
const DISCLOSE = String.raw`(?:tell(?:ing)?|mention(?:ing)?|reveal(?:ing)?|disclos(?:e|ing)|show(?:ing)?|display(?:ing)?|explain(?:ing)?|report(?:ing)?|say(?:ing)?|shar(?:e|ing)|expos(?:e|ing)|repeat(?:ing)?|relay(?:ing)?|admit(?:ting)?|confirm(?:ing)?|acknowledg(?:e|ing)|surfac(?:e|ing)|indicat(?:e|ing)|let\s+on)`;

/** What a concealment hides: this, the instructions, the step, what the tool did. */
const HIDDEN_THING = String.raw`(?:(?:this|these|that|it|them|anything|everything|any(?:thing)?\s+of\s+(?:this|these|it|that))|(?:the|this|these|your|any|its|our)\s+(?:[\w-]+\s+){0,2}?(?:instructions?|steps?|notes?|calls?|actions?|requests?|operations?|behaviou?rs?|effects?|directives?|messages?|parts?|facts?|files?|data|contents?|results?|outputs?|transfers?|uploads?|emails?|cop(?:y|ies)|information|tools?|prompts?|rules?|changes?|details|reads?|access))`;

/** Objects that make a sentence a privacy or UX statement rather than concealment. */
const PROTECTED_OBJECT =
  /\b(?:pass(?:word|phrase|code)s?|secrets?|api[\s_-]?keys?|keys?|tokens?|credentials?|pins?|otps?|ssns?|social\s+security|card\s+numbers?|cvvs?|seed\s+phrases?|recovery\s+(?:phrases?|codes?)|stack\s+traces?|tracebacks?|raw|verbose|debug(?:ging)?|internal|technical|sql|json|html|markdown|ids?|identifiers?|uuids?|fields?|columns?|rows?|items?|elements?|buttons?|options?|menus?|tabs?|panels?|sections?|widgets?|controls?|pages?|cards?|cells?|entries|archived|deleted|spinner|progress|dialogs?|popups?|banners?)\b/i;

/** What the model did or does: "that you read the file", "about the upload", "that the notes are sent". */
const ACTION_CLAUSE = new RegExp(
  String.raw`^\s*(?:(?:that|how|what|where|why|when|if|whether)\s+(?:you|i|we|it|this|these|the\s+tool|this\s+tool|the\s+server)\b|that\s+(?:[\w'’-]+\s+){1,4}(?:is|are|was|were|has\s+been|have\s+been|gets?|got|will\s+be)\s+(?:being\s+)?(?:sent|uploaded|read|copied|forwarded|shared|stored|saved|accessed|collected|logged|recorded|monitored|tracked|e-?mailed|exported|synced|transmitted|deleted|modified|changed|included|attached|added)\b|(?:about|of)\s+|anything\b)`,
  'i',
);

/**
 * "Never tell the user" alone, "… about this", "… that you read the file" are concealment; "never
 * tell the user their password", "never tell the user to restart" or "never tell the user the file
 * is inaccessible" are privacy and conversation rules.
 */
function concealsFacts(match: PhraseMatch, text: string): boolean {
  const rest = clauseAfter(match, text);
  if (rest.replace(/[\s.!?…]+/g, '').length === 0 || /^\s*(?:and|or|either|at\s+all|ever|anything)\b/i.test(rest)) return true;
  if (!ACTION_CLAUSE.test(rest)) return false;
  return !/^\s*(?:about|of)\s+/i.test(rest) || !PROTECTED_OBJECT.test(rest.split(/\s+/).slice(0, 7).join(' '));
}

/** The object between the verb and "to the user" names no secret or UI element. */
function hidesBehaviour(match: PhraseMatch): boolean {
  // From the first space of a run only: a later start reaches the same word, and retrying each was quadratic.
  const object = match.phrase.replace(/(?<!\s)\s+(?:to|with|from)\s+(?:the\s+|your\s+|this\s+)?(?:end[\s-]?)?(?:user|human)s?$/i, '');
  if (PROTECTED_OBJECT.test(object)) return false;
  // "Store the token and never show it to the user": a pronoun standing for a secret.
  if (/\b(?:it|them|that)\s+(?:to|with|from)\s+/i.test(match.phrase) && PROTECTED_OBJECT.test(match.sentence.text)) return false;
  return true;
}

/** "hide X from the user" unless X is a UI element or a secret, or the users are a permission group. */
function hidesFromUser(match: PhraseMatch, text: string): boolean {
  if (!hidesBehaviour(match)) return false;
  return !/^\s*(?:who|that|whose|without|lacking|unless|if|with)\b/i.test(clauseAfter(match, text));
}

const STEALTH_WORD = /\b(?:silently|quietly|secretly|covertly|discreetly|stealthily|surreptitiously|invisibly)\b/i;

const PATTERNS: readonly DirectivePattern[] = [
  // "Do not tell the user", "never inform the user about this", "don't let the user know".
  { regex: new RegExp(String.raw`\b${NEG}\s+(?:tell(?:ing)?|inform(?:ing)?)\s+${USER}`, 'i'), negatable: false, accept: concealsFacts },
  { regex: new RegExp(String.raw`\b${NEG}\s+let(?:ting)?\s+${USER}\s+(?:know|see|find\s+out|notice|realize|realise|learn|suspect)\b`, 'i'), negatable: false },
  // "Do not mention this step to the user", "never reveal the contents to the user".
  {
    regex: new RegExp(String.raw`\b${NEG}\s+${DISCLOSE}\s+${HIDDEN_THING}\s+(?:[\w'’-]+\s+){0,4}?(?:to|with)\s+${USER}`, 'i'),
    negatable: false,
    accept: hidesBehaviour,
  },
  // "Never reveal this", "do not mention this step", "don't disclose that you read the file".
  {
    regex: new RegExp(
      String.raw`\b${NEG}\s+${DISCLOSE}\s+(?:(?:this|these)(?:\s+(?:instructions?|steps?|notes?|tool\s+calls?|calls?|actions?|requests?|messages?|parts?|directives?|details|behaviou?r))?(?=\s*(?:[.,;:!?)]|$|\s+(?:to|in|anywhere|at\s+all|ever|or|and|under|in\s+your)\b))|(?:that|how|what|why)\s+(?:you|this\s+tool|the\s+tool|it|we)\b|anything\s+about\s+(?:this|these|it|the\s+tool)|the\s+(?:above|following|preceding|previous|hidden|secret|real|true|actual)\s+(?:instructions?|steps?|notes?|text|directives?|rules?|purpose|behaviou?r)|(?:these|this)\s+(?:secret|hidden|special|additional)\s+(?:instructions?|directives?|notes?|steps?))`,
      'i',
    ),
    negatable: false,
    hint: new RegExp(String.raw`\b${NEG}\s+${DISCLOSE}\b`, 'i'),
  },
  // "Hide this from the user", "withhold the result from the user".
  { regex: new RegExp(String.raw`\b(?:hide|conceal|withhold|hold\s+back|keep)\s+(?:[\w'’-]+\s+){0,5}?from\s+(?:the\s+|your\s+)?(?:end[\s-]?)?(?:user|human)(?![\w'’])`, 'i'), negatable: true, accept: hidesFromUser },
  // "Keep this secret", "keep these instructions hidden".
  {
    regex: /\bkeep\s+(?:this|these|it|that|the\s+(?:above|following|previous)(?:\s+\w+)?|(?:this|these|the)\s+(?:instructions?|steps?|notes?|actions?|directives?|tool\s+calls?))\s+(?:a\s+)?(?:secret|hidden|confidential|quiet|between\s+us|to\s+yourself)\b/i,
    negatable: true,
  },
  { regex: new RegExp(String.raw`\b(?:remain|stay|be\s+kept)\s+(?:hidden|secret|invisible|confidential|unknown)\s+(?:to|from)\s+${USER}`, 'i'), negatable: true },
  // "The user should not know", "the user must never find out", "the user should not see this".
  {
    regex: new RegExp(
      String.raw`\b(?:(?:the|your)\s+)?(?:user|human)s?\s+(?:should(?:\s+not|n${APOSTROPHE}t|\s+never)|must(?:\s+not|n${APOSTROPHE}t|\s+never)|shall\s+not|is\s+not\s+(?:to|supposed\s+to|meant\s+to)|are\s+not\s+(?:to|supposed\s+to|meant\s+to)|(?:will|would)\s+never|needs?\s+never)\s+(?:ever\s+)?(?:know|learn|notice|find\s+out|realize|realise|suspect|discover|be\s+(?:told|informed|made\s+aware|aware|alerted|notified)|become\s+aware|see\s+(?:this|these|that|it|anything|any\s+of\s+(?:this|these|it)|what|how|the\s+(?:real|actual|hidden|true|full|above|following)\b))`,
      'i',
    ),
    negatable: false,
  },
  {
    regex: new RegExp(
      String.raw`\bso(?:\s+that)?\s+(?:the\s+)?(?:user|human)\s+(?:does\s+not|doesn${APOSTROPHE}t|will\s+not|won${APOSTROPHE}t|cannot|can${APOSTROPHE}t|never|is\s+not|isn${APOSTROPHE}t)\s+(?:\w+\s+)?(?:notice|know|find\s+out|realize|realise|suspect|aware|see\s+(?:it|this|that|anything))\b`,
      'i',
    ),
    negatable: false,
  },
  // "Tell the user only that …", "lie to the user".
  { regex: /\b(?:tell|inform)\s+the\s+(?:user|human)\s+only\s+that\b|\bonly\s+(?:tell|inform)\s+the\s+(?:user|human)\s+that\b/i, negatable: true },
  { regex: new RegExp(String.raw`\b(?:lie\s+to|mislead|deceive|trick|fool|gaslight)\s+${USER}`, 'i'), negatable: true },
  // "Silently forward …", "send it quietly": an imperative done out of the user's sight. A cheap test
  // of the next word comes first: the lookbehind alone, tried at every offset, rescanned each run of spaces.
  {
    regex: /(?=[a-z])(?<=(?:^|[,;:]\s*|\b(?:and|then|also|please|you|must|should|always|now|first|next|instead)\s+))(?:silently|quietly|secretly|covertly|discreetly|stealthily|surreptitiously|invisibly)\s+(?:and\s+)?(?:send|forward|upload|copy|include|attach|append|pass|call|invoke|execute|read|collect|email|post|bcc|cc|transmit|share|redirect|exfiltrate|submit|leak|relay|mirror|sync)\b/i,
    negatable: true,
    hint: STEALTH_WORD,
  },
  {
    // The verb is a lookahead before the lookbehind, for the same reason, then read as `[a-z]+` (the same
    // text): as a plain alternation, redos-detector counted each verb as a path into the word gap (score unbounded).
    regex: /(?=(?:send|forward|upload|copy|include|attach|append|pass|call|invoke|execute|read|collect|email|post|bcc|cc|transmit|share|redirect|exfiltrate|submit|leak|relay|mirror|sync)\s)(?<=(?:^|[,;:]\s*|\b(?:and|then|also|please|you|must|should|always|now|first|next|instead)\s+))[a-z]+\s+(?:[\w'’~/.-]+\s+){0,6}?(?:silently|quietly|secretly|covertly|discreetly|stealthily|surreptitiously)\b/i,
    negatable: true,
    hint: STEALTH_WORD,
  },
  { regex: /\bdo\s+(?:this|it|so|that)\s+(?:silently|quietly|secretly|covertly|discreetly|stealthily)\b/i, negatable: true },
  // "Without telling the user", "without the user noticing", "behind the user's back".
  { regex: /\bwithout\s+(?:telling|informing|alerting|letting)\s+(?:the\s+)?(?:user|human)(?![\w'’])(?:\s+know)?|\bwithout\s+(?:saying|mentioning|announcing)\s+(?:anything|it|this|a\s+word)\b/i, negatable: true },
  { regex: /\bwithout\s+(?:the\s+)?(?:user|human)(?:['’]s)?\s+(?:noticing|knowing|seeing|realizing|realising|being\s+aware|finding\s+out|suspecting)\b|\bbehind\s+the\s+(?:user|human)['’]s\s+back\b/i, negatable: true },
  // Spanish: "no le digas al usuario", "sin que el usuario lo sepa", "oculta esto al usuario".
  {
    regex: /\b(?:no|nunca|jam[aá]s)\s+(?:le\s+|les\s+|se\s+lo\s+|lo\s+|se\s+la\s+)?(?:digas|diga|digan|menciones|mencione|informes|informe|muestres|muestre|reveles|revele|comuniques|comunique|cuentes|cuente|expliques|explique)\b(?:\s+\S+){0,4}?\s+(?:al|a\s+los)\s+usuarios?\b/i,
    negatable: false,
  },
  { regex: /\bsin\s+que\s+el\s+usuario\s+(?:lo\s+)?(?:sepa|note|vea|advierta|se\s+(?:entere|d[ée]\s+cuenta))\b|\b(?:oculta|ocultes|ocultar|esconde|escondas|esconder)\s+(?:esto|eso|estos\s+pasos|este\s+paso|estas\s+instrucciones)\s+(?:\S+\s+){0,2}?al\s+usuario\b/i, negatable: false },
  // French: "ne dis pas à l'utilisateur", "sans que l'utilisateur le sache", "cache ceci à l'utilisateur".
  {
    regex: /\bne\s+(?:le\s+|la\s+|les\s+|lui\s+|leur\s+|l['’]\s*)?(?:dis|dites|mentionne|mentionnez|montre|montrez|r[ée]v[èe]le|r[ée]v[ée]lez|signale|signalez|parle|parlez|indique|indiquez|explique|expliquez)\s+(?:pas|jamais|rien)\b(?:\s+\S+){0,5}?\s+(?:à\s+l['’]\s*utilisat(?:eur|rice)|aux\s+utilisateurs|l['’]\s*utilisat(?:eur|rice))/i,
    negatable: false,
  },
  {
    regex: /\bn['’]\s*(?:informe|informez|avertis|avertissez|indique|indiquez|alerte|alertez)\s+(?:pas|jamais)\s+l['’]\s*utilisat(?:eur|rice)|\bsans\s+que\s+l['’]\s*utilisat(?:eur|rice)\s+(?:ne\s+)?(?:le\s+|s['’]\s*en\s+)?(?:sache|remarque|voie|aper[çc]oive|rende\s+compte)|\bcache[rz]?\s+(?:ceci|cela|ça|cette\s+étape|ces\s+instructions)\s+(?:\S+\s+){0,2}?à\s+l['’]\s*utilisat(?:eur|rice)/i,
    negatable: false,
  },
  // German: "sag dem Benutzer nicht", "ohne dass der Benutzer es merkt", "verschweige dies dem Benutzer".
  {
    regex: /\b(?:sag|sage|sagen\s+Sie|erz[äa]hl|erz[äa]hle|erz[äa]hlen\s+Sie|teile|teilen\s+Sie|zeig|zeige|zeigen\s+Sie|verrat|verrate|verraten\s+Sie)\s+(?:es\s+|das\s+|dies\s+|davon\s+)?dem\s+(?:Benutzer|Nutzer|Anwender|User)\s+(?:\S+\s+){0,3}?(?:nicht|nichts|niemals|nie)\b/i,
    negatable: false,
  },
  {
    regex: /\bohne\s+dass\s+(?:der|die)\s+(?:Benutzer(?:in)?|Nutzer(?:in)?|Anwender(?:in)?|User)\s+(?:\S+\s+){0,3}?(?:merkt|bemerkt|wei(?:ß|ss)|sieht|erf[äa]hrt|mitbekommt)|\b(?:verbirg|verberge|verheimliche|verschweige)\s+(?:\S+\s+){0,4}?(?:vor\s+dem|dem)\s+(?:Benutzer|Nutzer|Anwender|User)\b|\berw[äa]hne\s+(?:dies|das|es|diesen\s+Schritt|diese\s+Anweisungen?)\s+(?:\S+\s+){0,3}?(?:nicht|niemals|nie)\b/i,
    negatable: false,
  },
  // Italian and Portuguese.
  { regex: /\bnon\s+(?:dire|dirlo|dirglielo|menzionare|mostrare|rivelare|informare)\b(?:\s+\S+){0,3}?\s*all['’]\s*utente\b|\bn[ãa]o\s+(?:diga|conte|mencione|mostre|revele|informe)\b(?:\s+\S+){0,3}?\s+ao\s+usu[áa]rio\b/i, negatable: false },
  // Chinese: 不要告诉用户, 对用户隐瞒, 不要让用户知道, 在用户不知情的情况下.
  {
    regex: /(?:不要|别|勿|切勿|不得|不可|千万不要)(?:告诉|告知|通知|提醒)用户|(?:不要|别|勿|切勿|不得|不可|千万不要)(?:向|对|跟|和|给)用户(?:透露|提及|提起|说明|显示|展示|披露|说)|(?:不要|别|勿|不得)让用户(?:知道|看到|发现|察觉|注意到)|对用户(?:隐瞒|保密)|用户不知情的情况下|瞒着用户/,
    negatable: false,
  },
  // Japanese: ユーザーに伝えないでください, ユーザーに知られないように, ユーザーには内緒.
  {
    regex: /ユーザー(?:に|には)(?:絶対に)?(?:伝え|言わ|知らせ|教え|見せ|話さ|報告し|通知し)(?:ないで|てはいけ|てはなら|るな)|ユーザーに(?:知られ|気づかれ|気付かれ|バレ)(?:ない|ず)|ユーザー(?:には|に)(?:内緒|秘密)/,
    negatable: false,
  },
];

export default defineRule<MessageId>(
  {
    id: 'no-concealment-directive',
    group: 'tool-metadata',
    description: 'Disallow tool metadata that tells the model to hide what it does from the user',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-451', 'CWE-1427'],
    owaspMcp: 'MCP03',
    control: 4,
    fix: 'none',
    messages: {
      concealment:
        'Text in the {{site}} tells the model to keep something from the user: {{phrase}}. Concealment is the signature of tool poisoning: the user cannot deny a tool call they are never shown, and the MCP spec wants a human in the loop who sees tool inputs.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://modelcontextprotocol.io/specification/2025-11-25#security-and-trust-%26-safety',
      'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks',
      'https://cwe.mitre.org/data/definitions/1427.html',
    ],
  },
  {
    'tool-metadata': (context) => {
      reportDirectives(context, (text) => findDirectives(text, PATTERNS).map((match) => ({ ...match, messageId: 'concealment' as const })));
    },
  },
);
