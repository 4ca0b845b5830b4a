import { TextMemo } from './text-memo';

/**
 * Recognises credentials written as literals. Provider-shaped tokens are high confidence; a
 * secret-sounding name with a random-looking value is medium. Placeholders stay silent.
 */

export interface SecretMatch {
  /** Human name of what was found, e.g. "GitHub token". */
  kind: string;
  /** UTF-16 range of the secret within the analyzed value. */
  start: number;
  end: number;
  confidence: 'high' | 'medium';
}

interface SecretPattern {
  kind: string;
  pattern: RegExp;
  /** Capture group holding the secret itself, when not the whole match; the pattern needs the `d` flag. */
  group?: number;
}

// Order matters: more specific prefixes come first, and an overlapping later match is dropped.
const PROVIDER_PATTERNS: readonly SecretPattern[] = [
  { kind: 'private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/g },
  { kind: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g },
  { kind: 'GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g },
  { kind: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { kind: 'Anthropic API key', pattern: /\bsk-ant-[a-z]+\d{0,2}-[A-Za-z0-9_-]{20,}/g },
  { kind: 'OpenAI API key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'Stripe key', pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { kind: 'Slack token', pattern: /\bxox[abeoprs]-[A-Za-z0-9-]{10,}/g },
  { kind: 'Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/g },
  { kind: 'AWS access key ID', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{30,}\b/g },
  { kind: 'Supabase token', pattern: /\bsbp_[a-f0-9]{40}\b/g },
  { kind: 'Figma token', pattern: /\bfigd_[A-Za-z0-9_-]{20,}/g },
  { kind: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'Linear API key', pattern: /\blin_api_[A-Za-z0-9]{40}\b/g },
  { kind: 'Notion token', pattern: /\b(?:secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,})\b/g },
  { kind: 'Groq API key', pattern: /\bgsk_[A-Za-z0-9]{48,}\b/g },
  { kind: 'SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  { kind: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,}/g },
  // A scheme start after an earlier one in the same run (`a-b-c…`) ends at the same `:`, so it is skipped: retrying each was quadratic.
  { kind: 'password in a connection URL', pattern: /\b(?<!\b[a-z][a-z0-9+.-]*?)[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@/dg, group: 1 },
];

/** `Authorization`-style values: a scheme followed by a literal credential. */
/**
 * Text every provider pattern above needs (each starts with, or contains, one of these). Most
 * literals hold none, and one scan settles that instead of one scan per pattern.
 */
const PROVIDER_HINT = /-----BEGIN|gh[pousr]_|github_pat_|glpat-|sk-|[rs]k_(?:live|test)_|xox|AKIA|ASIA|AIza|hf_|sbp_|figd_|npm_|lin_api_|secret_|ntn_|gsk_|SG\.|eyJ|:\/\//;

const AUTHORIZATION_VALUE = /^(Bearer|Basic|Token|Bot)\s+(\S{8,})$/i;

const SECRET_NAME = /(?:token|secret|passw(?:or)?d|\bpwd\b|api[-_]?key|apikey|access[-_]?key|private[-_]?key|credential|auth)/i;
const NOT_A_SECRET_NAME = /(?:file|path|url|uri|host|port|name|user(?:name)?|id|dir|type|mode|ttl|expir\w*|header|enabled|length|scope|issuer|audience|endpoint|method)$/i;

const PLACEHOLDER =
  /(?:your|my|the)[-_ ]?(?:own[-_ ]?)?(?:api[-_ ]?)?(?:key|token|secret|password)|x{4,}|\*{3,}|<[^>]*>|\.\.\.|…|example|placeholder|changeme|change[-_]me|replace[-_ ]?(?:me|with|this)|dummy|redacted|insert[-_ ]|\$\{|\{\{|^\$[A-Za-z_]+$|%[A-Za-z_]+%/i;

/** An authorization scheme followed by eight characters of a credential, anywhere in a literal's source. */
const AUTHORIZATION_HINT = /(?:Bearer|Basic|Token|Bot)\s+\S{8}/i;

/**
 * False when no value written as this literal source text (quotes included) can hold a secret that
 * findSecrets reports, whatever name it is stored under: it lets code rules skip most literals
 * without decoding them. Only a value without whitespace can be a random-looking secret, and only
 * escapes (`\x20`, a line continuation) make a value differ from its source in that respect.
 */
export function mayHoldSecret(literalSource: string): boolean {
  return !/\s/.test(literalSource) || literalSource.includes('\\') || PROVIDER_HINT.test(literalSource) || AUTHORIZATION_HINT.test(literalSource);
}

/** True for text that stands in for a secret instead of being one. */
export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER.test(value)) return true;
  // Long runs of few distinct characters ("aaaaaaaaaaaaaaaa", "1234512345123451") are filler.
  const body = value.replace(/^[a-z]+[_-]/i, '');
  return body.length >= 12 && new Set(body).size < 6;
}

function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

function looksRandom(value: string): boolean {
  return value.length >= 16 && !/\s/.test(value) && /[A-Za-z]/.test(value) && /\d/.test(value) && shannonEntropy(value) >= 3.5;
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_A_SECRET_NAME.test(name);
}

/**
 * Secrets in a literal value. `name` is the key it is stored under (env var, header, flag), which
 * lets a random-looking value without a provider prefix count as a secret too.
 */
export function findSecrets(value: string, name?: string): readonly SecretMatch[] {
  return secretMemo.get(value, secretMemo, name ?? '\0', () => scanSecrets(value, name));
}

/** Keyed by the memo itself: findSecrets has no pattern object of its own to key on. */
const secretMemo: TextMemo<object, readonly SecretMatch[]> = new TextMemo(1024);

function scanSecrets(value: string, name: string | undefined): SecretMatch[] {
  const matches: SecretMatch[] = [];
  const overlaps = (start: number, end: number) => matches.some((match) => start < match.end && end > match.start);
  for (const { kind, pattern, group } of PROVIDER_HINT.test(value) ? PROVIDER_PATTERNS : []) {
    for (const match of value.matchAll(pattern)) {
      // With a group, the `d` flag gives its own offsets (the password may also appear as the user name).
      const range: readonly [number, number] | undefined = group ? match.indices?.[group] : [match.index, match.index + match[0].length];
      if (!range) continue;
      const [start, end] = range;
      if (isPlaceholder(value.slice(start, end))) continue;
      if (!overlaps(start, end)) matches.push({ kind, start, end, confidence: 'high' });
    }
  }
  if (matches.length > 0) return matches;

  const authorization = AUTHORIZATION_VALUE.exec(value);
  if (authorization?.[1] && authorization[2] && !isPlaceholder(authorization[2])) {
    const start = value.length - authorization[2].length;
    return [{ kind: `${authorization[1]} credential`, start, end: value.length, confidence: 'high' }];
  }

  if (name !== undefined && isSecretName(name) && looksRandom(value) && !isPlaceholder(value)) {
    return [{ kind: 'secret', start: 0, end: value.length, confidence: 'medium' }];
  }
  return [];
}
