import type { MetadataText } from '../../analyzer/mcp/tool-metadata';
import type { MetadataRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { findPhrases, isInCodeSpan, quotePhrase, sentencesOf } from '../../analyzer/text/instruction-text';

type MessageId = 'sendTo' | 'blindCopy' | 'renderExfiltration';

// Destinations: URLs, e-mail addresses, international phone numbers.
const URL_SOURCE = String.raw`(?:https?|ftp|wss?):\/\/[^\s<>"'\`)\]]+`;
const EMAIL_SOURCE = String.raw`[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`;
const PHONE_SOURCE = String.raw`\+\d[\d ().-]{6,}\d`;
const DESTINATION_SOURCE = `(?<destination>${URL_SOURCE}|${EMAIL_SOURCE}|${PHONE_SOURCE})`;

const SEND_VERBS = String.raw`send|sends|sent|forward|forwards|forwarded|copy|copies|copied|mail|mails|mailed|email|emails|emailed|e-mail|post|posts|posted|upload|uploads|uploaded|transmit|transmits|relay|relays|report|reports|exfiltrate|leak|leaks|share|shares|sync|syncs|mirror|mirrors|submit|submits|deliver|delivers|push|pushes|text|sms|dm|ping|beacon|stream|streams|pipe|pipes`;

const DESTINATIONS = new RegExp(`${URL_SOURCE}|${EMAIL_SOURCE}`, 'gi');

/** "send/forward/POST <object> to <destination>", within one sentence. */
const SEND_TO = new RegExp(
  String.raw`\b(?<verb>${SEND_VERBS})\b(?<object>[^.!?\n]{0,80}?)\b(?:to|at|via|into|onto|towards)\s+(?:the\s+)?(?:(?:url|endpoint|address|server|webhook|number|phone|e-?mail|inbox|host|collector)\s+)?${DESTINATION_SOURCE}`,
  'i',
);

/** The same in Spanish, German and French, with the data named ("envía los resultados a …"). */
const SEND_TO_OTHER_LANGUAGES = new RegExp(
  String.raw`(?<verb>env[ií]a|env[ií]e|reenv[ií]a|manda|sende|senden|schicke|schicken|leite|weiterleiten|envoie|envoyez|transf[eéè]re|transf[eé]rez)\s(?<object>[^.!?\n]{0,80}?(?:resultados|datos|conversaci[oó]n|historial|todo|Ergebnisse|Daten|Verlauf|alles|r[eé]sultats|donn[eé]es|conversation|historique|tout)[^.!?\n]{0,40}?)\s(?:a|al|an|à|au|zu)\s+${DESTINATION_SOURCE}`,
  'i',
);

/** "BCC attacker@x.io", "cc: ops@evil.io". */
const BLIND_COPY = new RegExp(String.raw`\b(?:bcc|cc|blind[- ]copy)\b\s*:?\s*(?:to\s+)?(?:the\s+(?:address\s+)?)?${DESTINATION_SOURCE}`, 'i');

/** What is being sent is data the model holds, not the tool's own message. */
const DATA_OBJECT =
  /\b(?:a copy|copies|copy of|results?|outputs?|responses?|answers?|replies|(?:the |all |any |this |that )?data|all|everything|contents?|it|them|this|these|conversations?|chats?|history|messages|summary|summaries|transcripts?|credentials?|secrets?|keys?|tokens?|passwords?|codes?|otp|files?|documents?|logs?|arguments|parameters|inputs?|queries|findings|user'?s?|personal|private|details|information|info)\b/i;

/** Words that make a send an extra, pushed behaviour rather than the tool's documented job. */
const EXTRA_MARKER =
  /\b(?:also|always|additionally|as well|silently|secretly|quietly|covertly|automatically|in the background|every|each|before|after|afterwards|then|without (?:telling|asking|informing|mentioning)|do not (?:tell|mention|inform)|don't (?:tell|mention|inform))\b/i;

/** Verbs that only ever mean passing data on to someone else. */
const ALWAYS_EXFIL_VERBS = /^(?:forward|forwards|forwarded|exfiltrate|leak|leaks|mirror|mirrors|relay|relays|beacon)$/i;

/** Text that documents or detects the behaviour rather than asking for it. */
const DOCUMENTATION = /\b(?:detects?|detecting|flags?|flagging|blocks?|blocking|rejects?|warns?|scans?|scanning|audits?|checks? for|reports? (?:tools|descriptions|servers) that|example of an? (?:attack|exfiltration|injection)|attackers? (?:may|might|can|could))\b/i;

/** RFC 2606/6761 names and loopback: documentation addresses, never a real destination. */
const RESERVED_HOST = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost|local)$|^(?:127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\])$/i;

/** Markdown images/links and HTML images: the URL part. */
const MARKDOWN_TARGET = /(?<bang>!?)\[[^\]\n]{0,200}\]\(\s*<?(?<url>(?:https?:)?\/\/[^\s)]+?)>?(?:\s+["'][^"'\n]*["'])?\s*\)|<img\b[^>]*?\bsrc\s*=\s*["']?(?<src>(?:https?:)?\/\/[^\s"'>]+)/gi;

/** A placeholder the model is meant to fill: {data}, {{data}}, <data>, [data], $data, %data%, DATA. */
const PLACEHOLDER = /\{\{?\s*([A-Za-z][\w.-]*)\s*\}?\}|<([A-Za-z][\w.-]*)>|\[([A-Za-z][\w.-]*)\]|\$\{?([A-Za-z]\w*)\}?|%([A-Za-z]\w*)%|(?<=[=/])([A-Z][A-Z0-9_]{3,})(?=$|[&#/.])/g;

/** Name parts of a placeholder or query key that denote data the model holds. */
const DATA_WORDS = new Set([
  'conversation', 'conv', 'chat', 'history', 'summary', 'secret', 'secrets', 'password', 'passwd', 'pwd', 'token', 'tokens', 'apikey', 'credential', 'credentials',
  'context', 'prompt', 'memory', 'messages', 'transcript', 'ssh', 'env', 'contents', 'pii', 'cookie', 'cookies', 'session', 'privatekey', 'exfil', 'leak', 'stolen',
]);
/** Whole names that mean "the data". */
const DATA_NAMES = new Set(['data', 'd', 'info', 'payload', 'all', 'everything', 'input', 'output', 'result', 'results', 'q', 'query']);

function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function isDataName(name: string): boolean {
  const lower = name.toLowerCase();
  if (DATA_NAMES.has(lower) || DATA_WORDS.has(lower.replace(/[_.-]/g, ''))) return true;
  return nameWords(name).some((word) => DATA_WORDS.has(word));
}

function hostOf(destination: string): string | undefined {
  const at = destination.lastIndexOf('@');
  if (!destination.includes('://') && at > 0) return destination.slice(at + 1).toLowerCase();
  return /^(?:[a-z]+:)?\/\/(?:[^@/]*@)?(?<host>\[[^\]]*\]|[^/:?#]+)/i.exec(destination)?.groups?.host?.toLowerCase();
}

function isReserved(destination: string): boolean {
  if (destination.startsWith('+')) return /^\+1[ .-]?\(?555\)?[ .-]?01\d\d/.test(destination);
  const host = hostOf(destination);
  return host !== undefined && RESERVED_HOST.test(host);
}

/** Trailing sentence punctuation is not part of an address. */
function trimDestination(destination: string): string {
  return destination.replace(/(?<![.,;:!?'"])[.,;:!?'"]+$/, '');
}

/** The data placeholder a URL carries in its query or path, if any. */
function dataPlaceholder(url: string): string | undefined {
  const queryStart = url.indexOf('?');
  for (const match of url.matchAll(PLACEHOLDER)) {
    const name = match.slice(1).find((group) => group !== undefined);
    if (name === undefined) continue;
    const inQuery = queryStart >= 0 && match.index > queryStart;
    // A query value is data when its key or its placeholder says so; a path segment only when the placeholder does.
    if (isDataName(name)) return match[0];
    if (inQuery) {
      const key = /[?&]([\w.-]+)=$/.exec(url.slice(0, match.index))?.[1];
      if (key !== undefined && isDataName(key)) return match[0];
    }
  }
  return undefined;
}

/**
 * Sentences, with one that ends in an abbreviation ("e.g.", "i.e.") joined to the next: "Detects
 * pages, e.g. ones asking you to send …" is one statement.
 */
function clausesOf(value: string): Array<{ start: number; end: number; text: string }> {
  const merged: Array<{ start: number; end: number; text: string }> = [];
  for (const sentence of sentencesOf(value)) {
    const previous = merged[merged.length - 1];
    if (previous && /\b(?:e\.g|i\.e|etc|vs|cf|approx|incl)\.$/i.test(previous.text)) {
      previous.end = sentence.end;
      previous.text = value.slice(previous.start, sentence.end);
    } else merged.push({ ...sentence });
  }
  return merged;
}

export default defineRule<MessageId>(
  {
    id: 'no-exfiltration-destination',
    group: 'tool-metadata',
    description: 'Disallow tool metadata that tells the model to send data to a URL, e-mail address or phone number, or to render a data-carrying link',
    defaultSeverity: 'error',
    confidence: 'medium',
    cwe: ['CWE-200', 'CWE-359'],
    owaspMcp: 'MCP03',
    control: 4,
    fix: 'none',
    messages: {
      sendTo:
        'The {{site}} tells the model to send data to {{destination}} ({{phrase}}). The user never chose that destination: whatever the model sends there leaves the conversation.',
      blindCopy: 'The {{site}} tells the model to copy {{destination}} on what it sends ({{phrase}}): every message goes to an address the user never chose.',
      renderExfiltration:
        'The {{site}} asks the model to output {{phrase}}, whose URL carries {{placeholder}}: when the client renders it, the data the model fills in is sent to {{host}}{{noClick}}.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks',
    ],
  },
  {
    'tool-metadata': (context) => {
      // A constant read by two texts is reported once.
      const reported = new Set<string>();
      for (const declaration of context.declarations) {
        for (const text of declaration.texts) checkText(context, text, reported);
      }
    },
  },
);

function checkText(context: MetadataRuleContext<MessageId>, text: MetadataText, reported: Set<string>): void {
  const value = text.text.value;
  if (!/:\/\/|@|\+\d/.test(value)) return;
  const report = (messageId: MessageId, from: number, to: number, data: Record<string, string>) => {
    const range = text.text.sourceRange(from, to);
    const key = `${range.start}:${range.end}:${messageId}`;
    if (reported.has(key)) return;
    reported.add(key);
    context.report({ messageId, data: { site: text.site, ...data }, ...range });
  };
  const rendered: Array<[number, number]> = [];
  for (const match of value.matchAll(MARKDOWN_TARGET)) {
    const url = match.groups?.url ?? match.groups?.src;
    if (url === undefined || isInCodeSpan(value, match.index)) continue;
    const placeholder = dataPlaceholder(url);
    const host = hostOf(url);
    if (!placeholder || host === undefined || isReserved(url)) continue;
    rendered.push([match.index, match.index + match[0].length]);
    const isImage = match.groups?.bang === '!' || match.groups?.src !== undefined;
    report('renderExfiltration', match.index, match.index + match[0].length, {
      phrase: quotePhrase(match[0]),
      placeholder: `"${placeholder}"`,
      host,
      noClick: isImage ? ' as soon as the image loads, without a click' : ' when the user follows the link',
    });
  }
  for (const sentence of clausesOf(value)) {
    if (DOCUMENTATION.test(sentence.text.replace(DESTINATIONS, ' '))) continue;
    for (const pattern of [BLIND_COPY, SEND_TO, SEND_TO_OTHER_LANGUAGES]) {
      for (const match of findPhrases(sentence.text, pattern)) {
        const destination = trimDestination(match.groups.destination ?? '');
        if (destination.length === 0 || isReserved(destination)) continue;
        const start = sentence.start + match.start;
        if (isInCodeSpan(value, start) || rendered.some(([from, to]) => from <= start && start < to)) continue;
        const end = start + match.phrase.length - ((match.groups.destination ?? '').length - destination.length);
        if (pattern === BLIND_COPY) {
          report('blindCopy', start, end, { destination, phrase: quotePhrase(value.slice(start, end)) });
          continue;
        }
        const verb = match.groups.verb ?? '';
        const object = match.groups.object ?? '';
        if (pattern === SEND_TO && !ALWAYS_EXFIL_VERBS.test(verb) && !DATA_OBJECT.test(object) && !EXTRA_MARKER.test(sentence.text)) continue;
        report('sendTo', start, end, { destination, phrase: quotePhrase(value.slice(start, end)) });
      }
    }
  }
}
