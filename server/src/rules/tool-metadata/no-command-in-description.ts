import type { MetadataText } from '../../analyzer/mcp/tool-metadata';
import type { MetadataRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { isInCodeSpan, isNegated, quotePhrase } from '../../analyzer/text/instruction-text';

type MessageId = 'commandToRun' | 'embeddedPayload';

interface Payload {
  label: string;
  pattern: RegExp;
  /**
   * Strong payloads (remote code piped into a shell, reverse shells, wiping the disk) are reported
   * wherever they stand outside a code span; weak ones (`sudo`, `chmod 777`, SQL tautologies) only
   * when the text tells the model to run or insert them.
   */
  strong: boolean;
}

const PAYLOADS: readonly Payload[] = [
  { label: 'a download piped into a shell', pattern: /\b(?:curl|wget|iwr|Invoke-WebRequest)\b[^|\n`]{0,200}?\|\s*(?:sudo\s+)?(?:(?:ba|z|da|k|fi)?sh|python3?|perl|ruby|node|iex)\b/gi, strong: true },
  { label: 'a download run by a shell', pattern: /\b(?:(?:ba|z)?sh|python3?)\s+(?:-c\s+)?["']?\$\(\s*(?:curl|wget)\b[^)\n]{0,200}\)|\b(?:ba|z)?sh\s+<\(\s*(?:curl|wget)\b[^)\n]{0,200}\)/gi, strong: true },
  { label: 'a file upload with curl', pattern: /\bcurl\b[^\n`|]{0,200}?(?:\s-d\s*@|\s--data(?:-binary|-raw|-urlencode)?\s*[= ]?@|\s-F\s*["']?[\w-]+=@|\s-T\s+)[^\s`'"]*/gi, strong: true },
  { label: 'a reverse shell', pattern: /\/dev\/(?:tcp|udp)\/[\w.-]+\/\d+|\bbash\s+-i\b|\b(?:nc|ncat|netcat)\b[^\n`]{0,80}?\s-[ec]\s+\S+|\bmkfifo\b[^\n`]{0,80}?\b(?:nc|ncat)\b|\bsocat\b[^\n`]{0,80}?\bexec:/gi, strong: true },
  { label: 'a command that wipes the disk', pattern: /\brm\s+(?:-[a-zA-Z]*r[a-zA-Z]*f[a-zA-Z]*|-[a-zA-Z]*f[a-zA-Z]*r[a-zA-Z]*|-r\s+-f|-f\s+-r|--recursive\s+--force)\s+(?:--no-preserve-root\s+)?(?:\/\*?|~\/?\*?|\$HOME\/?|\*|\.\/?\*?)(?=[\s`'";)]|$)/gi, strong: true },
  { label: 'an encoded PowerShell command', pattern: /\b(?:powershell|pwsh)(?:\.exe)?\b[^\n`]{0,60}?\s-(?:e|ec|enc|encodedcommand)\s+[A-Za-z0-9+/=]{8,}/gi, strong: true },
  { label: 'a PowerShell download-and-run', pattern: /\b(?:iex|Invoke-Expression)\b[^\n`]{0,80}?(?:DownloadString|iwr|Invoke-WebRequest|Net\.WebClient)|New-Object\s+Net\.WebClient\)?\.DownloadString/gi, strong: true },
  { label: 'a base64 payload piped into a shell', pattern: /\bbase64\s+(?:-d|--decode|-D)\b[^\n`]{0,40}?\|\s*(?:ba|z)?sh\b/gi, strong: true },
  { label: 'a Python one-liner that runs commands', pattern: /\bpython3?\s+-c\s+["'][^"'\n]{0,200}?(?:os\.system|subprocess|pty\.spawn|socket\.socket|__import__|exec\()/gi, strong: true },
  { label: 'a script tag', pattern: /<script\b[^>]{0,200}>/gi, strong: true },
  { label: 'a javascript: URL', pattern: /\bjavascript:\s*(?:[\w$.]+\s*\(|void\b|\/\/)/gi, strong: true },
  { label: 'an HTML event handler', pattern: /<\w+\b[^>]{0,100}?\bon(?:error|load|mouseover|focus)\s*=\s*["']?[\w$.]+\s*\(/gi, strong: true },
  { label: 'sudo', pattern: /\bsudo\s+(?!-[lvkK]\b)(?:-\w+\s+)*[\w./-]+/g, strong: false },
  { label: 'a permission change to world-writable or setuid', pattern: /\bchmod\s+(?:-R\s+)?(?:0?777|a\+rwx|[ugoa]*\+s|[24]755)\b/gi, strong: false },
  { label: 'a recursive forced delete', pattern: /\brm\s+-(?:rf|fr)\s+\S+/gi, strong: false },
  { label: 'a download of a remote script', pattern: /\b(?:curl|wget)\s+(?:-[\w-]+\s+)*https?:\/\/\S+\.(?:sh|ps1|py|bat|exe)\b/gi, strong: false },
  {
    label: 'an SQL injection payload',
    pattern: /['"]\s*(?:OR|\|\|)\s+['"]?(\w+)['"]?\s*=\s*['"]?\1\b['"]?|\bOR\s+1\s*=\s*1\b|;\s*DROP\s+(?:TABLE|DATABASE)\b|\bUNION\s+(?:ALL\s+)?SELECT\b[^\n]{0,80}?\b(?:password|passwd|secret|token|api_key|credit_card)/gi,
    strong: false,
  },
];

/** Verbs that tell the model to run, type or insert something. */
const RUN_VERBS = /\b(?:run|execute|exec|invoke|type|paste|enter|launch|start|eval|evaluate|perform|issue|append|prepend|add|include|insert|inject|pass|put|set|use|embed|output|print|write|copy|respond with|reply with|begin with|end with|send)\b/gi;

/** What may stand before an imperative verb in its clause. */
const IMPERATIVE_LEAD =
  /(?:^|[,;:(—–>\]]|\bthen|\band|\bplease|\balways|\bfirst|\bnow|\balso|\bjust|\bimmediately|\bsimply|\bsilently|\bquietly|\bmust|\bshould|\bneed to|\bneeds to|\bhave to|\bhas to|\bmake sure (?:to|you)|\bbe sure to|\bremember to|\bforget to|\brequired to|\byou)\s*$/i;

/** A subject other than the model: the sentence tells a person, not the model, what to do. */
const OTHER_SUBJECT = /\b(?:the user|users?|they|the admin(?:istrator)?s?|admins?|operators?|developers?|maintainers?|people|someone|humans?)\b/i;

/** Text that documents, detects or blocks payloads rather than asking for them. */
const DOCUMENTATION =
  /\b(?:e\.g\.|i\.e\.|for example|for instance|such as|examples?|detects?|detected|blocks?|blocked|flags?|flagged|rejects?|rejected|refuses?|refused|prevents?|prevented|denies|denied|forbids|forbidden|warns?|scans?|audits?|sanitizes?|sanitized|sanitises?|sanitised|escapes|escaped|strips|stripped|removes|removed|filters|filtered|guards? against|protects? against|dangerous|malicious|attacks?|exploits?|injection|payloads?|vulnerab\w*|unsafe|suspicious|disallowed|prohibited|not allowed)\b/i;

/** The sentence around `[from, to)`: stops at sentence punctuation followed by a space and at line breaks, but not after "e.g.". */
function sentenceAround(value: string, from: number, to: number): { start: number; end: number } {
  let start = 0;
  for (const match of value.slice(0, from).matchAll(/[.!?。！？](?=\s)|\n/g)) {
    if (/\b(?:e\.g|i\.e|etc|vs|cf)\.$/i.test(value.slice(Math.max(0, match.index - 4), match.index + 1))) continue;
    start = match.index + 1;
  }
  const rest = value.slice(to);
  let end = value.length;
  for (const match of rest.matchAll(/[.!?。！？](?=\s|$)|\n/g)) {
    const at = to + match.index;
    if (/\b(?:e\.g|i\.e|etc|vs|cf)\.$/i.test(value.slice(Math.max(0, at - 4), at + 1))) continue;
    end = at;
    break;
  }
  return { start, end };
}

/** The imperative verb (addressed to the model) that governs the payload at `payloadStart`, if any. */
function imperativeVerb(value: string, sentenceStart: number, payloadStart: number): string | undefined {
  const before = value.slice(sentenceStart, payloadStart);
  let found: string | undefined;
  for (const match of before.matchAll(RUN_VERBS)) {
    if (before.length - match.index > 120) continue;
    const lead = before.slice(0, match.index);
    if (!IMPERATIVE_LEAD.test(lead)) continue;
    // "the user may need to run …": addressed to someone else.
    const clause = lead.split(/[,;:(—–]/).pop() ?? lead;
    if (OTHER_SUBJECT.test(clause)) continue;
    if (isNegated(before, match.index)) continue;
    found = match[0];
  }
  return found;
}

export default defineRule<MessageId>(
  {
    id: 'no-command-in-description',
    group: 'tool-metadata',
    description: 'Disallow shell commands, scripts and injection payloads presented to the model as something to run in tool metadata',
    defaultSeverity: 'error',
    confidence: 'medium',
    cwe: ['CWE-77', 'CWE-94'],
    owaspMcp: 'MCP03',
    control: 4,
    fix: 'none',
    messages: {
      commandToRun:
        'The {{site}} tells the model to {{verb}} {{label}} ({{phrase}}). A model with a shell, browser or database tool may do it on the user\'s machine with the user\'s rights.',
      embeddedPayload:
        'The {{site}} embeds {{label}} ({{phrase}}) in text the model reads as instructions. A model with a shell, browser or database tool may run it on the user\'s machine.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks',
    ],
  },
  {
    'tool-metadata': (context) => {
      const reported = new Set<string>();
      for (const declaration of context.declarations) {
        for (const text of declaration.texts) checkText(context, text, reported);
      }
    },
  },
);

function checkText(context: MetadataRuleContext<MessageId>, text: MetadataText, reported: Set<string>): void {
  const value = text.text.value;
  if (!/curl|wget|\/dev\/|bash|nc\b|ncat|netcat|mkfifo|socat|rm\s|power|pwsh|iex|invoke|webclient|base64|python|script|javascript:|\bon\w+\s*=|sudo|chmod|['"]\s*(?:or|\|\|)|\bor\s+1|drop\s|union/i.test(value)) return;
  // One finding per sentence: `bash -i >& /dev/tcp/…` is one payload, not two.
  const taken: Array<[number, number]> = [];
  for (const payload of PAYLOADS) {
    for (const match of value.matchAll(payload.pattern)) {
      const start = match.index;
      const end = start + match[0].replace(/(?<![\s.,;:])[\s.,;:]+$/, '').length;
      const sentence = sentenceAround(value, start, end);
      if (taken.some(([from, to]) => sentence.start < to && from < sentence.end)) continue;
      const sentenceText = value.slice(sentence.start, sentence.end);
      if (DOCUMENTATION.test(sentenceText.replace(match[0], ' '))) continue;
      if (isNegated(sentenceText, start - sentence.start, 8)) continue;
      const verb = imperativeVerb(value, sentence.start, start);
      const inCode = isInCodeSpan(value, start);
      if (!verb && (!payload.strong || inCode)) continue;
      taken.push([sentence.start, Math.max(sentence.end, sentence.start + 1)]);
      const range = text.text.sourceRange(start, end);
      const key = `${range.start}:${range.end}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const phrase = quotePhrase(value.slice(start, end));
      if (verb) context.report({ messageId: 'commandToRun', data: { site: text.site, verb: verb.toLowerCase(), label: payload.label, phrase }, ...range });
      else context.report({ messageId: 'embeddedPayload', data: { site: text.site, label: payload.label, phrase }, ...range });
    }
  }
}
