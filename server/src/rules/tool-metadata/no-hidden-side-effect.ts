import { defineRule } from '../../analyzer/rule';
import type { DeclaredMetadata } from '../../analyzer/mcp/tool-metadata';
import { sentencesOf, type PhraseMatch } from '../../analyzer/text/instruction-text';
import { APOSTROPHE, findDirectives, reportDirectives, type DirectiveMatch, type DirectivePattern } from '../../analyzer/text/description-phrases';

type MessageId = 'sideEffect';

/** Verbs that move data out: every form, for "also sends", "is uploaded", "for analytics, send". */
const SEND = String.raw`(?:send(?:s|ing)?|sent|upload(?:s|ed|ing)?|forward(?:s|ed|ing)?|transmit(?:s|ted|ting)?|shar(?:e|es|ed|ing)|report(?:s|ed|ing)?|post(?:s|ed|ing)?|e-?mail(?:s|ed|ing)?|submit(?:s|ted|ting)?|export(?:s|ed|ing)?|sync(?:s|ed|ing)?|synchroni[sz](?:e|es|ed|ing)|mirror(?:s|ed|ing)?|cop(?:y|ies|ied|ying)|relay(?:s|ed|ing)?|beacon(?:s|ed|ing)?|leak(?:s|ed|ing)?|exfiltrat(?:e|es|ed|ing)|push(?:es|ed|ing)?|stream(?:s|ed|ing)?|publish(?:es|ed|ing)?|transfer(?:s|red|ring)?|phon(?:e|es|ed|ing)\s+home)`;
/** Third-person and past forms only: a description of what the tool does, not an imperative. */
const SEND_DONE = String.raw`(?:sends|sent|uploads|uploaded|forwards|forwarded|transmits|transmitted|shares|shared|reports|reported|posts|posted|e-?mails|e-?mailed|submits|submitted|exports|exported|syncs|synced|synchroni[sz](?:es|ed)|mirrors|mirrored|copies|copied|relays|relayed|beacons|leaks|leaked|exfiltrates|exfiltrated|pushes|pushed|streams|streamed|publishes|published|transfers|transferred|phones\s+home)`;
/** Verbs that gather data. */
const COLLECT = String.raw`(?:collect(?:s|ed|ing)?|harvest(?:s|ed|ing)?|gather(?:s|ed|ing)?|track(?:s|ed|ing)?|record(?:s|ed|ing)?|log(?:s|ged|ging)?|captur(?:e|es|ed|ing)|scrap(?:e|es|ed|ing)|monitor(?:s|ed|ing)?|fingerprint(?:s|ed|ing)?|stor(?:e|es|ed|ing)|retain(?:s|ed|ing)?|sav(?:e|es|ed|ing)|keep(?:s|ing)?|kept|read(?:s|ing)?|access(?:es|ed|ing)?)`;
/** Gathering verbs that have no everyday quiet use ("silently logs errors" has). */
const COLLECT_DONE = String.raw`(?:collects|collected|harvests|harvested|gathers|gathered|tracks|tracked|captures|captured|scrapes|scraped|fingerprints|fingerprinted)`;

/**
 * Where the data goes when it leaves the user's hands. An e-mail address is read from the first
 * word boundary of its run only: a later one (`a-b-c@…`) reaches the same `@`, and retrying from each was quadratic.
 */
const EXTERNAL =
  /\b(?:to|on|in|into|with|via|at)\s+(?:our|an?\s+third[\s-]party|an?\s+external|an?\s+undisclosed|third[\s-]party|external|undisclosed|the\s+(?:vendor|developer|author|publisher)['’]s)\s+(?:[\w-]+\s+){0,2}?(?:servers?|backends?|cloud|endpoints?|services?|apis?|hosts?|domains?|infrastructure|databases?|storage|analytics|collectors?|partners?|parties|vendors?|systems?|platform)\b|\bto\s+(?:third[\s-]parties|(?:our\s+)?partners|advertisers|affiliates|data\s+brokers)\b|https?:\/\/[^\s]*[^\s.,;:!?)'"]|\b(?<!\b[\w.+-]+?)[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/i;
/** Why: analytics, tracking, training. */
const PURPOSE = String.raw`(?:\bfor\s+(?:(?:our|internal|product|usage|marketing)\s+)?(?:analytics|tracking|telemetry|advertising|ads|ad\s+targeting|marketing|profiling|monetization|monetisation|model\s+training|training|research|product\s+improvement|improvement|statistical)(?:\s+purposes)?\b(?!\s+(?:teams?|dashboards?|tools?|platforms?|apis?|queries|reports?|workspaces?|databases?|warehouses?|engineers?|departments?|pipelines?|jobs?|runs?|sets?|data)\b)|\bto\s+(?:train|improve|fine[\s-]tune)\s+(?:our|their|the\s+vendor['’]s)\s+(?:models?|ai|services?|products?)\b)`;
const PURPOSE_RE = new RegExp(PURPOSE, 'i');
/** Data whose collection is never incidental. */
const PERSONAL =
  /\b(?:conversations?|chat\s+(?:history|logs?|transcripts?)|prompts?|keystrokes?|clipboard|browsing\s+history|(?:search|command|shell)\s+history|contacts?|address\s+book|(?:precise\s+)?locations?|geolocation|gps|ip\s+address(?:es)?|device\s+(?:ids?|identifiers?|fingerprints?|info(?:rmation)?)|usage\s+(?:data|statistics|stats|patterns)|telemetry|environment\s+variables|env\s+vars?|\.env|credentials?|passwords?|access\s+tokens?|api\s+keys?|secrets?|cookies?|session\s+(?:data|tokens?|cookies?)|personal\s+(?:data|information|details)|pii|screenshots?|screen\s+contents?|microphone|camera|ssh\s+keys?|private\s+keys?|wallet)\b/i;
/** Destinations the user chose: a notification, not a leak. */
const USER_DESTINATION =
  /^\s*(?:[\w'’-]+\s+){0,5}?(?:to|with)\s+(?:your\s+|the\s+(?:configured|specified|provided|given|selected|requested|chosen|target|destination|user['’]s)\s+|the\s+(?:callback|webhook|assignees?|recipients?|requester|caller|owner|author|reviewers?|collaborators?|channel|inbox|stdout|stderr|console|terminal|log\s+file)\b)/i;

const STEALTH = String.raw`(?:secretly|covertly|surreptitiously|stealthily|clandestinely|furtively)`;
const QUIETLY = String.raw`(?:silently|quietly|invisibly|unnoticed)`;

/** The words after the match in its clause. */
function clauseRest(match: PhraseMatch, text: string): string {
  return (text.slice(match.end, match.sentence.end).split(/;|:(?=\s)|,\s+(?:and\s+)?(?:then|returns?|and\s+returns?)\b/)[0] ?? '').slice(0, 160);
}

/**
 * "also sends X" is a finding only with a second signal in its clause: a destination outside the
 * user's control, a purpose such as analytics, or personal data as the object. "Also sends a
 * notification to the assignee" and "also uploads the file to your bucket" stay silent.
 */
function undeclaredFlow(match: PhraseMatch, text: string): boolean | number {
  const rest = clauseRest(match, text);
  if (USER_DESTINATION.test(rest)) return false;
  const signal = EXTERNAL.exec(rest) ?? PURPOSE_RE.exec(rest) ?? PERSONAL.exec(rest.slice(0, 80));
  if (signal) return match.end + signal.index + signal[0].length;
  // Passive: "your chat history is also uploaded" names the data before the verb.
  const subject = text.slice(match.sentence.start, match.start);
  if (/\b(?:is|are|gets?|be|been|being)\b/i.test(match.phrase) && PERSONAL.test(subject)) return true;
  return false;
}

/** Same test without the object: for "in the background" and purpose-less wording. */
function backgroundFlow(match: PhraseMatch): boolean | number {
  const sentence = match.sentence.text;
  if (!new RegExp(String.raw`\b(?:${SEND}|${COLLECT})\b`, 'i').test(sentence)) return false;
  const signal = EXTERNAL.exec(sentence) ?? PURPOSE_RE.exec(sentence) ?? PERSONAL.exec(sentence);
  if (!signal) return false;
  const signalEnd = match.sentence.start + signal.index + signal[0].length;
  return signalEnd > match.end && signalEnd - match.start <= 120 ? signalEnd : true;
}

/** Negation in the languages below, just before the match or inside it. */
function notNegatedForeign(match: PhraseMatch, text: string): boolean {
  const before = text.slice(Math.max(match.sentence.start, match.start - 24), match.start);
  if (/(?:^|\s)(?:no|nunca|jam[aá]s|nie|niemals|nicht|keine?n?|ne|n['’]|jamais|pas)\s+(?:\S+\s+)?$/i.test(before)) return false;
  if (/\b(?:nicht|niemals|pas|jamais|nunca)\b/i.test(match.phrase)) return false;
  if (/[不没未無无]|決して|绝不|从不/.test(text.slice(Math.max(match.sentence.start, match.start - 4), match.start))) return false;
  const after = text.slice(match.end, match.end + 12);
  return !/^(?:し?ません|しない|されません|されない|することはありません)/.test(after);
}

const PATTERNS: readonly DirectivePattern[] = [
  // "also sends …", "additionally, it collects …", "is also uploaded …".
  {
    regex: new RegExp(
      String.raw`\b(?:also|additionally|in\s+addition|as\s+a\s+side[\s-]effect|at\s+the\s+same\s+time|simultaneously|on\s+top\s+of\s+(?:that|this))\b,?\s+(?:(?:it|this\s+tool|the\s+tool|we|the\s+server|they)\s+)?(?:(?:will|may|can|automatically|periodically|quietly|silently|be|is|are|gets?)\s+){0,2}(?:${SEND}|${COLLECT})\b`,
      'i',
    ),
    negatable: true,
    accept: undeclaredFlow,
  },
  { regex: new RegExp(String.raw`\b(?:is|are|gets?|get|will\s+be|may\s+be|being)\s+also\s+(?:${SEND_DONE}|${COLLECT})\b`, 'i'), negatable: true, accept: undeclaredFlow },
  // "secretly uploads", "is covertly forwarded", "copies … secretly".
  {
    regex: new RegExp(String.raw`\b${STEALTH}\s+(?:[\w-]+(?:s|ed)\b)|\b(?:is|are|gets?|been|be)\s+${STEALTH}\s+[\w-]+ed\b|\b(?:${SEND_DONE}|${COLLECT_DONE})\s+(?:[\w'’./@:~-]+\s+){0,5}?${STEALTH}\b`, 'i'),
    negatable: true,
  },
  // "silently uploads", "quietly collects", "forwards every message silently".
  {
    regex: new RegExp(String.raw`\b${QUIETLY}\s+(?:${SEND_DONE}|${COLLECT_DONE})\b|\b(?:is|are|gets?|been|be)\s+${QUIETLY}\s+(?:${SEND_DONE}|${COLLECT_DONE})\b|\b(?:${SEND_DONE}|${COLLECT_DONE})\s+(?:[\w'’./@:~-]+\s+){0,5}?${QUIETLY}\b`, 'i'),
    negatable: true,
  },
  // "In the background, … is uploaded to our servers".
  { regex: /\b(?:in\s+the\s+background|behind\s+the\s+scenes)\b/i, negatable: true, accept: backgroundFlow },
  // "… uploads your files without consent".
  {
    regex: new RegExp(
      String.raw`\b(?:${SEND}|${COLLECT})\b(?:\s+[\w'’./@:~-]+){0,8}?\s+without\s+(?:(?:the\s+)?(?:user|owner)${APOSTROPHE}s\s+|your\s+|any\s+|explicit\s+|prior\s+)?(?:consent|knowledge|permission|authori[sz]ation)\b`,
      'i',
    ),
    negatable: true,
  },
  // "For analytics purposes, send …", "uploads it for analytics".
  { regex: new RegExp(String.raw`\b(?:${SEND}|${COLLECT})\b[^.;!?\n]{0,60}?${PURPOSE}|${PURPOSE}[^.;!?\n]{0,40}?\b(?:${SEND}|${COLLECT})\b`, 'i'), negatable: true, tag: 'primary-exempt' },
  // "synced to our cloud", "stored on our servers".
  {
    regex: new RegExp(
      String.raw`\b(?:${SEND}|${COLLECT}|backed\s+up|backs\s+up|cached|caches)\b(?:\s+[\w'’./-]+){0,5}?\s+(?:to|on|in|at|into|with)\s+our\s+(?:own\s+)?(?:[\w-]+\s+)?(?:cloud|servers?|backend|infrastructure|databases?|data\s*cent(?:er|re)s?|storage|analytics|systems?|platform|telemetry|logs?)\b`,
      'i',
    ),
    negatable: true,
    tag: 'primary-exempt',
  },
  // "shares usage data with partners", "sold to advertisers".
  {
    regex: /\b(?:shares?|shared|sharing|sells?|sold|selling|discloses?|disclosed|disclosing|provides?|provided|passe[sd]|passes|transfers?|transferred|forwards?|forwarded|sends?|sent|reports?|reported|licen[sc]es?|licen[sc]ed)\b(?:\s+[\w'’-]+){0,5}?\s+(?:with|to)\s+(?:(?:our|select(?:ed)?|trusted|business|marketing|advertising|affiliated|external|various|other|commercial)\s+)*(?:partners|third[\s-]parties|advertisers|affiliates|data\s+brokers|sponsors)\b/i,
    negatable: true,
    tag: 'primary-exempt',
  },
  // Spanish, German, French, Chinese, Japanese: stealth adverbs and sharing with third parties.
  {
    regex: /\b(?:secretamente|en\s+secreto|a\s+escondidas|heimlich|unbemerkt|secr[èe]tement|en\s+cachette)\b|à\s+l['’]\s*insu\s+de\s+l['’]\s*utilisat(?:eur|rice)|\bsin\s+(?:el\s+)?consentimiento\b|\bohne\s+(?:Zustimmung|Einwilligung|Wissen)\b|\bsans\s+(?:le\s+)?consentement\b/i,
    negatable: false,
    accept: notNegatedForeign,
  },
  {
    regex: /\bcompart(?:e|en|ido|idos|ida|idas)\b(?:\s+\S+){0,5}?\s+con\s+(?:\S+\s+)?(?:terceros|socios)\b|\b(?:teilt|geteilt|weitergegeben|verkauft)\b(?:\s+\S+){0,5}?\s+mit\s+(?:\S+\s+)?(?:Partnern|Dritten|Werbepartnern)\b|\bmit\s+(?:Partnern|Dritten|Werbepartnern)\s+(?:geteilt|geteilt\s+werden|teilen)\b|\bpartag(?:e|ent|ée|ées|é|és)\b(?:\s+\S+){0,5}?\s+avec\s+(?:des\s+|nos\s+|ses\s+|les\s+)?(?:partenaires|tiers)\b/i,
    negatable: false,
    accept: notNegatedForeign,
  },
  {
    regex: /(?:悄悄|偷偷|秘密地|暗中|私下)地?(?:上传|发送|收集|转发|记录|同步|复制)|(?:与|和|同)第三方(?:共享|分享)|(?:共享|分享|提供|出售)给(?:第三方|合作伙伴|广告商)|こっそり|密かに|ひそかに|秘密裏に|第三者(?:と共有|に提供|に送信|へ送信)/,
    negatable: false,
    accept: notNegatedForeign,
  },
];

const STEMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^sen[dt]/, 'send'],
  [/^upload/, 'upload'],
  [/^forward/, 'forward'],
  [/^shar/, 'share'],
  [/^report/, 'report'],
  [/^post/, 'post'],
  [/^e-?mail/, 'mail'],
  [/^export/, 'export'],
  [/^sync/, 'sync'],
  [/^cop/, 'copy'],
  [/^publish/, 'publish'],
  [/^track/, 'track'],
  [/^collect/, 'collect'],
  [/^log/, 'log'],
  [/^record/, 'record'],
  [/^stor/, 'stor'],
  [/^sav/, 'save'],
  [/^back/, 'backup'],
  [/^cach/, 'cache'],
  [/^transfer/, 'transfer'],
  [/^submit/, 'submit'],
];

const VERB = new RegExp(String.raw`\b(?:${SEND}|${COLLECT}|backed\s+up|backs\s+up|cached|caches)\b`, 'i');

/**
 * The tool's declared purpose: the verb opens the first sentence ("Uploads a file to our
 * servers"), or the tool's name says it (`track_event` "… for analytics", `sync_notes` "… synced to
 * our cloud"). What a tool is for is not a side effect.
 */
function isDeclaredPurpose(match: DirectiveMatch, text: string, declaration: DeclaredMetadata): boolean {
  const verb = VERB.exec(match.phrase);
  const name = (declaration.name ?? '').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  if (/analytic|telemetry|track|metric|event|stat/.test(name) && (PURPOSE_RE.test(match.phrase) || /analytic|telemetr|metric|statistic/i.test(match.phrase))) return true;
  if (!verb) return false;
  const word = verb[0].toLowerCase();
  const stem = STEMS.find(([pattern]) => pattern.test(word))?.[1];
  if (stem && name.includes(stem)) return true;
  const first = sentencesOf(text)[0];
  if (!first || match.sentence.start !== first.start) return false;
  const lead = text.slice(first.start, match.start + verb.index);
  return /^(?:(?:this|the)\s+tool\s+|it\s+|tool\s+(?:that|to)\s+|use\s+(?:this\s+(?:tool\s+)?)?to\s+)?(?:\w+ly\s+)?$/i.test(lead);
}

export default defineRule<MessageId>(
  {
    id: 'no-hidden-side-effect',
    group: 'tool-metadata',
    description: 'Flag tool metadata that admits sending or collecting data beyond what the tool is for',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-359', 'CWE-1427'],
    owaspMcp: 'MCP03',
    control: 4,
    fix: 'none',
    messages: {
      sideEffect:
        'Text in the {{site}} admits a secondary data flow: {{phrase}}. Users approve a tool for what its name and first sentence say; the MCP spec says hosts must not transmit user data elsewhere without consent, and this flow is easy to miss.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25#security-and-trust-%26-safety',
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks',
      'https://cwe.mitre.org/data/definitions/359.html',
    ],
  },
  {
    'tool-metadata': (context) => {
      reportDirectives(context, (text, declaration) =>
        findDirectives(text, PATTERNS)
          .filter((match) => match.pattern.tag !== 'primary-exempt' || !isDeclaredPurpose(match, text, declaration))
          .map((match) => ({ ...match, messageId: 'sideEffect' as const })),
      );
    },
  },
);
