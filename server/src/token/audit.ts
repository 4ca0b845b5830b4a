/**
 * Offline audit of a decoded token against the MCP authorization spec and RFC 8725 (JWT BCP).
 * Pure and synchronous: no editor, no I/O, no network. The weak-secret check computes HMACs
 * locally against a small bundled list and never reports which secret matched.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { base64UrlDecode, compactOf, type DecodedJwe, type DecodedJws, type DecodedToken, type JsonObject } from './decode';
import { describeTime, formatDuration, isoTime } from './time';
import { WEAK_HMAC_SECRETS } from './weak-secrets';

export type TokenSeverity = 'error' | 'warning' | 'info';

export interface TokenReference {
  label: string;
  url: string;
}

export interface TokenFinding {
  /** Stable id, e.g. `alg-none`, `expired`, `audience-mismatch`. */
  id: string;
  severity: TokenSeverity;
  /** What is wrong, in this token's terms. Never contains the token or a secret. */
  message: string;
  /** One line: why it matters. */
  why: string;
  reference: TokenReference;
  /** Where: `header`, `payload` or `signature`, and the member when there is one. */
  location: 'header' | 'payload' | 'signature' | 'token';
  member?: string;
}

export interface AuditOptions {
  /** The current time (ms since the epoch, or a Date). */
  now: number | Date;
  /** The canonical URI of the MCP server the token is meant for (RFC 8707 resource). */
  expectedAudience?: string;
  expectedIssuer?: string;
  /** Longest acceptable lifetime (exp − iat). Default 3600 s. */
  maxLifetimeSeconds?: number;
  /** Clock skew tolerated on exp / nbf / iat. Default 30 s. */
  clockToleranceSeconds?: number;
}

export const SPEC_AUTHORIZATION = 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization';
export const SPEC_SECURITY = 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices';
const RFC_8725 = 'https://www.rfc-editor.org/rfc/rfc8725';
const RFC_7519 = 'https://www.rfc-editor.org/rfc/rfc7519';
const RFC_8707 = 'https://www.rfc-editor.org/rfc/rfc8707';
const RFC_7516 = 'https://www.rfc-editor.org/rfc/rfc7516';

const REF = {
  jwtBcpAlg: { label: 'RFC 8725 §3.1 (perform algorithm verification)', url: `${RFC_8725}#section-3.1` },
  jwtBcpKey: { label: 'RFC 8725 §3.5 (ensure cryptographic keys have sufficient entropy)', url: `${RFC_8725}#section-3.5` },
  jwtBcpInput: { label: 'RFC 8725 §3.10 (do not trust received claims)', url: `${RFC_8725}#section-3.10` },
  jwtClaims: { label: 'RFC 7519 §4.1 (registered claims)', url: `${RFC_7519}#section-4.1` },
  audience: { label: 'MCP authorization: Token Audience Binding and Validation (MUST)', url: `${SPEC_AUTHORIZATION}#token-audience-binding-and-validation` },
  resource: { label: 'MCP authorization: Resource Parameter Implementation (RFC 8707)', url: `${SPEC_AUTHORIZATION}#resource-parameter-implementation` },
  passthrough: { label: 'MCP security best practices: Token Passthrough (MUST NOT)', url: `${SPEC_SECURITY}#token-passthrough` },
  tokenHandling: { label: 'MCP authorization: Token Handling (MUST validate)', url: `${SPEC_AUTHORIZATION}#token-handling` },
  shortLived: { label: 'MCP authorization: Access Token Privilege Restriction (SHOULD be short-lived)', url: `${SPEC_AUTHORIZATION}#access-token-privilege-restriction` },
  scopes: { label: 'MCP security best practices: Scope Minimization', url: `${SPEC_SECURITY}#scope-minimization` },
  jwe: { label: 'RFC 7516 (JSON Web Encryption)', url: RFC_7516 },
  rfc8707: { label: 'RFC 8707 §2 (resource parameter)', url: `${RFC_8707}#section-2` },
} satisfies Record<string, TokenReference>;

export const JWS_ALGORITHMS: readonly string[] = [
  'HS256', 'HS384', 'HS512',
  'RS256', 'RS384', 'RS512',
  'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512', 'ES256K',
  'EdDSA', 'Ed25519', 'Ed448',
];

const HMAC_HASH: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

export interface TokenAudit {
  findings: TokenFinding[];
  errors: number;
  warnings: number;
  infos: number;
}

export function auditToken(token: DecodedToken, options: AuditOptions): TokenAudit {
  const findings = token.kind === 'jwe' ? auditJwe(token) : auditJws(token, options);
  const order: Record<TokenSeverity, number> = { error: 0, warning: 1, info: 2 };
  findings.sort((a, b) => order[a.severity] - order[b.severity]);
  return {
    findings,
    errors: findings.filter((finding) => finding.severity === 'error').length,
    warnings: findings.filter((finding) => finding.severity === 'warning').length,
    infos: findings.filter((finding) => finding.severity === 'info').length,
  };
}

function auditJwe(token: DecodedJwe): TokenFinding[] {
  const findings: TokenFinding[] = [
    {
      id: 'encrypted-token',
      severity: 'info',
      message: `Encrypted token (JWE, alg ${show(token.header.alg)}, enc ${show(token.header.enc)}): only the header is readable; the claims are in ${token.ciphertextBytes} bytes of ciphertext.`,
      why: 'Claims (aud, iss, exp, scopes) cannot be audited without the decryption key; audit the token the server decrypts.',
      reference: REF.jwe,
      location: 'token',
    },
  ];
  if (token.header.alg === 'RSA1_5') {
    findings.push({
      id: 'weak-key-encryption',
      severity: 'warning',
      message: 'JWE key encryption alg is RSA1_5 (RSAES-PKCS1-v1_5), which is open to padding-oracle attacks.',
      why: 'RFC 8725 §3.2 says to avoid RSA1_5; use RSA-OAEP or ECDH-ES.',
      reference: { label: 'RFC 8725 §3.2 (use appropriate algorithms)', url: `${RFC_8725}#section-3.2` },
      location: 'header',
      member: 'alg',
    });
  }
  findings.push(...auditKeyHeaders(token.header));
  return findings;
}

function auditJws(token: DecodedJws, options: AuditOptions): TokenFinding[] {
  const findings: TokenFinding[] = [];
  const { header, claims } = token;
  const now = (typeof options.now === 'number' ? options.now : options.now.getTime()) / 1000;
  const tolerance = options.clockToleranceSeconds ?? 30;
  const maxLifetime = options.maxLifetimeSeconds ?? 3600;

  // --- Algorithm and signature.
  const alg = header.alg;
  if (typeof alg !== 'string' || alg.length === 0) {
    findings.push({
      id: 'unknown-alg',
      severity: 'error',
      message: 'The header has no alg: no verifier can check this signature.',
      why: 'RFC 7515 requires alg; a token without one is malformed.',
      reference: REF.jwtBcpAlg,
      location: 'header',
      member: 'alg',
    });
  } else if (alg.toLowerCase() === 'none') {
    findings.push({
      id: 'alg-none',
      severity: 'error',
      message: `alg is ${show(alg)}: the token is unsigned, so anyone can forge one with any claims.`,
      why: 'A server that accepts alg none (in any casing) accepts forged tokens; verifiers must allow-list real algorithms.',
      reference: REF.jwtBcpAlg,
      location: 'header',
      member: 'alg',
    });
  } else if (!JWS_ALGORITHMS.includes(alg)) {
    findings.push({
      id: 'unknown-alg',
      severity: 'warning',
      message: `alg ${show(alg)} is not a JWS signing algorithm (expected one of HS*, RS*, PS*, ES*, EdDSA).`,
      why: 'Standard verifiers reject it; a custom verifier that tries to handle it is a likely bug.',
      reference: REF.jwtBcpAlg,
      location: 'header',
      member: 'alg',
    });
  }
  const algIsNone = typeof alg === 'string' && alg.toLowerCase() === 'none';
  if (token.signatureBytes === 0 && !algIsNone) {
    findings.push({
      id: 'empty-signature',
      severity: 'error',
      message: `The signature part is empty although alg is ${show(alg)}: the token is effectively unsigned.`,
      why: 'Libraries that skip verification on an empty signature (CVE-2020-28042) accept forged tokens.',
      reference: REF.jwtBcpAlg,
      location: 'signature',
    });
  }
  if (typeof alg === 'string' && HMAC_HASH[alg] && token.signatureBytes > 0) {
    if (signedWithWeakSecret(token, alg)) {
      findings.push({
        id: 'weak-hmac-secret',
        severity: 'error',
        message: `The ${alg} signature verifies with a well-known secret from MCP Warden's list of ${WEAK_HMAC_SECRETS.length} common secrets: anyone can forge tokens for this issuer.`,
        why: 'A guessable HMAC secret makes the signature worthless; rotate it to at least 256 random bits and revoke issued tokens.',
        reference: REF.jwtBcpKey,
        location: 'signature',
      });
    } else {
      findings.push({
        id: 'hmac-algorithm',
        severity: 'info',
        message: `Signed with a shared secret (${alg}): every party that can verify it can also mint tokens.`,
        why: 'The secret must be at least 256 random bits and known only to the issuer and this server; asymmetric keys (RS/ES/EdDSA) avoid sharing it.',
        reference: REF.jwtBcpKey,
        location: 'header',
        member: 'alg',
      });
    }
  }

  // --- Key-selection headers.
  findings.push(...auditKeyHeaders(header));

  // --- Times.
  const times: Partial<Record<'exp' | 'nbf' | 'iat', number>> = {};
  for (const name of ['exp', 'nbf', 'iat'] as const) {
    const value = claims[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      findings.push({
        id: 'invalid-claim',
        severity: 'error',
        message: `${name} is ${show(value)}, not a NumericDate (seconds since 1970).`,
        why: 'Verifiers reject the token, or worse, skip the time check.',
        reference: REF.jwtClaims,
        location: 'payload',
        member: name,
      });
      continue;
    }
    times[name] = value;
  }
  if (claims.exp === undefined) {
    findings.push({
      id: 'missing-exp',
      severity: 'error',
      message: 'No exp claim: the token never expires, so a leaked copy works forever.',
      why: 'The MCP spec says authorization servers SHOULD issue short-lived access tokens to limit what a leaked token can do.',
      reference: REF.shortLived,
      location: 'payload',
      member: 'exp',
    });
  }
  if (times.exp !== undefined && times.exp + tolerance < now) {
    findings.push({
      id: 'expired',
      severity: 'error',
      message: `Expired ${formatDuration(now - times.exp)} ago (exp ${isoTime(times.exp)}).`,
      why: 'Servers MUST reject expired tokens (respond 401); a server that accepted this one does not check exp.',
      reference: REF.tokenHandling,
      location: 'payload',
      member: 'exp',
    });
  }
  if (times.nbf !== undefined && times.nbf - tolerance > now) {
    findings.push({
      id: 'not-yet-valid',
      severity: 'error',
      message: `Not valid yet: nbf is ${describeTime(times.nbf, now)}.`,
      why: 'Servers must reject a token before its nbf time; check the issuer clock.',
      reference: REF.jwtClaims,
      location: 'payload',
      member: 'nbf',
    });
  }
  if (times.iat !== undefined && times.iat - tolerance > now) {
    findings.push({
      id: 'issued-in-future',
      severity: 'warning',
      message: `Issued in the future: iat is ${describeTime(times.iat, now)}.`,
      why: 'A future iat means a skewed issuer clock or a forged token, and it defeats maximum-age checks.',
      reference: REF.jwtClaims,
      location: 'payload',
      member: 'iat',
    });
  }
  if (times.exp !== undefined) {
    const start = times.iat ?? times.nbf;
    if (start !== undefined && times.exp - start > maxLifetime) {
      findings.push({
        id: 'long-lifetime',
        severity: 'warning',
        message: `Lives ${formatDuration(times.exp - start)} (exp − ${times.iat !== undefined ? 'iat' : 'nbf'}), longer than the ${formatDuration(maxLifetime)} limit.`,
        why: 'The MCP spec says access tokens SHOULD be short-lived; a long-lived token stays useful to whoever steals it.',
        reference: REF.shortLived,
        location: 'payload',
        member: 'exp',
      });
    } else if (start === undefined && times.exp - now > maxLifetime) {
      findings.push({
        id: 'long-lifetime',
        severity: 'warning',
        message: `Still valid for ${formatDuration(times.exp - now)} (no iat), longer than the ${formatDuration(maxLifetime)} limit.`,
        why: 'The MCP spec says access tokens SHOULD be short-lived; a long-lived token stays useful to whoever steals it.',
        reference: REF.shortLived,
        location: 'payload',
        member: 'exp',
      });
    }
  }

  // --- Audience and issuer.
  findings.push(...auditAudience(claims, options.expectedAudience));
  findings.push(...auditIssuer(claims, options.expectedIssuer));

  // --- Scopes and claims.
  findings.push(...auditScopes(claims));
  const pii = piiClaims(claims);
  if (pii.length > 0) {
    findings.push({
      id: 'pii-claim',
      severity: 'info',
      message: `Carries personal data in ${pii.join(', ')}: anyone holding the token (logs, proxies, upstream APIs) can read it.`,
      why: 'JWT claims are only base64url-encoded, not encrypted; keep personal data out of access tokens or log only hashes.',
      reference: REF.jwtBcpInput,
      location: 'payload',
      member: pii[0]!,
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Headers.

const SQL_METACHARACTERS = /['"]|--(?:\s|$)|\/\*|;|\bor\b\s+\d+\s*=\s*\d+/i;

const KID_PATTERNS: { kind: string; test: (kid: string) => boolean }[] = [
  { kind: 'path traversal', test: (kid) => /\.\.[\\/]|^[a-z]:\\|(?:^|\/)(?:dev|etc|proc|tmp|var)\/|%2e%2e|\0/i.test(kid) },
  { kind: 'SQL', test: (kid) => SQL_METACHARACTERS.test(kid) || unionBeforeSelect(kid) },
  { kind: 'shell', test: (kid) => /[|&`$<>]|\$\(|[\r\n]/.test(kid) },
];

/**
 * `union … select` in that order. As one pattern (`\bunion\b[\s\S]*\bselect\b`) it is quadratic:
 * every `union` scans to the end looking for a `select`. The token under audit is pasted by the user
 * and may be anything.
 */
function unionBeforeSelect(kid: string): boolean {
  const union = /\bunion\b/i.exec(kid);
  return union !== null && /\bselect\b/i.test(kid.slice(union.index + union[0].length));
}

function auditKeyHeaders(header: JsonObject): TokenFinding[] {
  const findings: TokenFinding[] = [];
  const kid = header.kid;
  if (kid !== undefined) {
    const kinds = typeof kid === 'string' ? KID_PATTERNS.filter(({ test }) => test(kid)).map(({ kind }) => kind) : ['non-string'];
    if (kinds.length > 0) {
      findings.push({
        id: 'kid-injection',
        severity: 'error',
        message: `kid is ${show(kid)}, which carries ${kinds.join(' / ')} metacharacters: an injection attempt against the key lookup.`,
        why: 'Servers that build a file path, SQL query or command from kid can be made to pick an attacker-chosen key (e.g. /dev/null, an empty secret).',
        reference: REF.jwtBcpInput,
        location: 'header',
        member: 'kid',
      });
    }
  }
  for (const member of ['jku', 'x5u'] as const) {
    if (header[member] === undefined) continue;
    findings.push({
      id: 'remote-key-header',
      severity: 'warning',
      message: `The header names its own key URL (${member}: ${show(header[member])}).`,
      why: 'A verifier that fetches keys from a URL the token chooses lets an attacker sign with their own key; use only the issuer JWKS from its metadata.',
      reference: REF.jwtBcpInput,
      location: 'header',
      member,
    });
  }
  const isDpopProof = typeof header.typ === 'string' && header.typ.toLowerCase() === 'dpop+jwt';
  for (const member of ['jwk', 'x5c'] as const) {
    if (header[member] === undefined || (member === 'jwk' && isDpopProof)) continue;
    findings.push({
      id: 'embedded-key-header',
      severity: 'warning',
      message: `The header embeds its own key (${member}).`,
      why: 'A verifier that trusts an embedded key accepts any token an attacker signs with their own key (CVE-2018-0114); verify against the issuer keys only.',
      reference: REF.jwtBcpInput,
      location: 'header',
      member,
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Audience and issuer.

/**
 * RFC 8707 / MCP canonical form of a resource URI: lower-case scheme and host, default port and
 * fragment dropped, no trailing slash. Undefined when the value is not an absolute URL.
 */
export function canonicalResourceUri(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.host === '') return url.href;
  return `${url.protocol}//${url.host}${url.pathname.replace(/(?<!\/)\/+$/, '')}${url.search}`;
}

function sameResource(a: string, b: string): boolean {
  const left = canonicalResourceUri(a);
  const right = canonicalResourceUri(b);
  return left !== undefined && right !== undefined ? left === right : a.trim() === b.trim();
}

/** Audiences that name a well-known upstream API rather than an MCP server. */
const UPSTREAM_SERVICES: { name: string; host: RegExp }[] = [
  { name: 'GitHub', host: /^(?:api\.)?github\.com$/ },
  { name: 'Microsoft Graph', host: /^graph\.microsoft\.com$/ },
  { name: 'Azure Resource Manager', host: /^management\.(?:azure|core\.windows)\.(?:com|net)$/ },
  { name: 'Google APIs', host: /(?:^|\.)googleapis\.com$/ },
  { name: 'Slack', host: /^(?:api\.)?slack\.com$/ },
  { name: 'OpenAI', host: /^api\.openai\.com$/ },
  { name: 'Anthropic', host: /^api\.anthropic\.com$/ },
  { name: 'Atlassian', host: /^api\.atlassian\.com$/ },
  { name: 'Notion', host: /^api\.notion\.com$/ },
  { name: 'Stripe', host: /^api\.stripe\.com$/ },
  { name: 'AWS STS', host: /^sts\.(?:[a-z0-9-]+\.)?amazonaws\.com$/ },
];
const UPSTREAM_IDS: Record<string, string> = {
  '00000003-0000-0000-c000-000000000000': 'Microsoft Graph',
  '00000002-0000-0000-c000-000000000000': 'Azure AD Graph',
  '797f4846-ba00-4fd7-ba43-dac1f8f63013': 'Azure Resource Manager',
};

function upstreamService(audience: string): string | undefined {
  if (UPSTREAM_IDS[audience.toLowerCase()]) return UPSTREAM_IDS[audience.toLowerCase()];
  let host: string;
  try {
    host = new URL(audience).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return UPSTREAM_SERVICES.find((service) => service.host.test(host))?.name;
}

function hostOf(value: string): string | undefined {
  try {
    const host = new URL(value).host.toLowerCase();
    return host === '' ? undefined : host;
  } catch {
    return undefined;
  }
}

function auditAudience(claims: JsonObject, expected: string | undefined): TokenFinding[] {
  const aud = claims.aud;
  if (aud === undefined) {
    return [
      {
        id: 'missing-aud',
        severity: 'error',
        message: 'No aud claim: nothing binds this token to one MCP server, so any server that trusts the issuer accepts it.',
        why: 'MCP servers MUST validate that access tokens were issued specifically for them as the intended audience (RFC 8707).',
        reference: REF.audience,
        location: 'payload',
        member: 'aud',
      },
    ];
  }
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) && aud.every((item) => typeof item === 'string') ? (aud) : undefined;
  if (!audiences) {
    return [
      {
        id: 'invalid-claim',
        severity: 'error',
        message: `aud is ${show(aud)}, not a string or an array of strings.`,
        why: 'Verifiers reject the token, or mis-compare the audience.',
        reference: REF.jwtClaims,
        location: 'payload',
        member: 'aud',
      },
    ];
  }
  const findings: TokenFinding[] = [];
  if (expected !== undefined && expected.trim() !== '') {
    const matches = audiences.some((audience) => sameResource(audience, expected));
    if (!matches) {
      const expectedHost = hostOf(expected);
      const other = audiences.find((audience) => upstreamService(audience) !== undefined || (expectedHost !== undefined && hostOf(audience) !== undefined && hostOf(audience) !== expectedHost));
      if (other !== undefined) {
        const service = upstreamService(other);
        findings.push({
          id: 'audience-other-service',
          severity: 'error',
          message: `aud is ${show(aud)}: a token for ${service ?? `a different service (${hostOf(other)})`}, not for ${show(expected)}.`,
          why: 'MCP servers MUST NOT accept or pass through tokens issued for other services (token passthrough); this server must reject it.',
          reference: REF.passthrough,
          location: 'payload',
          member: 'aud',
        });
      } else {
        const canonical = canonicalResourceUri(expected);
        findings.push({
          id: 'audience-mismatch',
          severity: 'error',
          message: `aud is ${show(aud)}, not this server's canonical URI ${show(canonical ?? expected)}.`,
          why: 'MCP servers MUST validate that access tokens were issued specifically for them (RFC 8707 resource); the server must reject this token.',
          reference: REF.audience,
          location: 'payload',
          member: 'aud',
        });
      }
    } else if (audiences.length > 1) {
      findings.push({
        id: 'multiple-audiences',
        severity: 'info',
        message: `aud lists ${audiences.length} audiences: every one of them can replay this token to the others.`,
        why: 'A token bound to one resource (RFC 8707) cannot be replayed against another service.',
        reference: REF.rfc8707,
        location: 'payload',
        member: 'aud',
      });
    }
    return findings;
  }
  const upstream = audiences.map((audience) => [audience, upstreamService(audience)] as const).find(([, service]) => service !== undefined);
  if (upstream) {
    findings.push({
      id: 'audience-other-service',
      severity: 'warning',
      message: `aud ${show(upstream[0])} names ${upstream[1]}: this is a token for an upstream API, not for an MCP server.`,
      why: 'MCP servers MUST NOT accept or pass through tokens issued for other services (token passthrough).',
      reference: REF.passthrough,
      location: 'payload',
      member: 'aud',
    });
  }
  return findings;
}

function auditIssuer(claims: JsonObject, expected: string | undefined): TokenFinding[] {
  const iss = claims.iss;
  if (iss === undefined) {
    return [
      {
        id: 'missing-iss',
        severity: 'warning',
        message: 'No iss claim: a server cannot tell which authorization server issued the token.',
        why: 'Servers should accept only tokens from the authorization servers in their Protected Resource Metadata.',
        reference: REF.tokenHandling,
        location: 'payload',
        member: 'iss',
      },
    ];
  }
  if (typeof iss !== 'string') {
    return [{ id: 'invalid-claim', severity: 'error', message: `iss is ${show(iss)}, not a string.`, why: 'Verifiers reject the token or mis-compare the issuer.', reference: REF.jwtClaims, location: 'payload', member: 'iss' }];
  }
  if (expected === undefined || expected.trim() === '' || iss === expected.trim()) return [];
  const slashOnly = iss.replace(/(?<!\/)\/+$/, '') === expected.trim().replace(/(?<!\/)\/+$/, '');
  return [
    {
      id: 'issuer-mismatch',
      severity: 'error',
      message: `iss is ${show(iss)}, not the expected issuer ${show(expected.trim())}${slashOnly ? ' (they differ only in a trailing slash; issuers are compared exactly)' : ''}.`,
      why: 'A token from another authorization server must be rejected; issuer identifiers are compared as exact strings (RFC 8414).',
      reference: REF.tokenHandling,
      location: 'payload',
      member: 'iss',
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Scopes and personal data.

const OMNIBUS_SCOPE = /^(?:\*|\*:\*|\*\.\*|all|any|admin|administrator|root|superuser|sudo|god|owner|full|full[_-]?access|fullaccess|all[_-]?access|everything)$/i;
const WILDCARD_SCOPE = /(?:^|[:./])\*$|^\*[:./]|(?:^|\/)\.default$/i;

/** The scope values a token carries, per member (`scope` string, `scp` / `scopes` array or string). */
export function tokenScopes(claims: JsonObject): { member: string; scopes: string[] }[] {
  return ['scope', 'scp', 'scopes'].flatMap((member) => {
    const value = claims[member];
    if (typeof value === 'string') return [{ member, scopes: value.split(/\s+/).filter(Boolean) }];
    if (Array.isArray(value)) return [{ member, scopes: value.filter((item): item is string => typeof item === 'string') }];
    return [];
  });
}

function auditScopes(claims: JsonObject): TokenFinding[] {
  return tokenScopes(claims).flatMap(({ member, scopes }) => {
    const broad = scopes.filter((scope) => OMNIBUS_SCOPE.test(scope) || WILDCARD_SCOPE.test(scope));
    if (broad.length === 0) return [];
    return [
      {
        id: 'broad-scope',
        severity: 'warning' as const,
        message: `${member} grants wildcard or omnibus scope${broad.length === 1 ? '' : 's'} ${broad.map((scope) => show(scope)).join(', ')}.`,
        why: 'A leaked over-broad token exposes everything; request and issue the minimal scopes each operation needs.',
        reference: REF.scopes,
        location: 'payload' as const,
        member,
      },
    ];
  });
}

const PII_MEMBERS = /^(?:e-?mail|email_address|phone|phone_number|mobile|telephone|address|street_address|postal_code|birthdate|date_of_birth|dob|ssn|national_id|passport|given_name|family_name|name|full_name)$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/;

function piiClaims(claims: JsonObject): string[] {
  return Object.entries(claims)
    .filter(([member, value]) => (PII_MEMBERS.test(member) && value !== '' && value !== null) || (typeof value === 'string' && EMAIL.test(value)))
    .map(([member]) => member);
}

// ---------------------------------------------------------------------------------------------
// Helpers.

function signedWithWeakSecret(token: DecodedJws, alg: string): boolean {
  const compact = compactOf(token);
  const hash = HMAC_HASH[alg];
  if (!compact || !hash) return false;
  const dot = compact.lastIndexOf('.');
  const signature = base64UrlDecode(compact.slice(dot + 1));
  if (typeof signature === 'string') return false;
  const input = compact.slice(0, dot);
  for (const secret of WEAK_HMAC_SECRETS) {
    const mac = createHmac(hash, secret).update(input).digest();
    if (mac.length === signature.length && timingSafeEqual(mac, signature)) return true;
  }
  return false;
}

/** A claim or header value for a message: JSON, truncated. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 100 ? `${text.slice(0, 97)}…` : text;
}
