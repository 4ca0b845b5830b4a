/**
 * One inspection of a token (decode, audit, optional verification result) and its renderings:
 * markdown (VS Code view and hover), plain text (CLI) and JSON. None of them ever includes the token.
 */
import { auditToken, type AuditOptions, type TokenAudit, type TokenFinding, type TokenSeverity } from './audit';
import { decodeToken, type DecodedToken } from './decode';
import { describeTime, isoTime, relativeTime } from './time';
import type { VerifyResult } from './verify';

export interface TokenReport {
  decoded: DecodedToken;
  /** Absent for a plain decode. */
  audit?: TokenAudit;
  verification?: VerifyResult;
  nowSeconds: number;
  expectedAudience?: string;
  expectedIssuer?: string;
}

export type InspectResult = { ok: true; report: TokenReport } | { ok: false; error: string };

/** Decodes and (unless `audit` is false) audits a token. Never throws. */
export function inspectToken(text: string, options: AuditOptions & { audit?: boolean }): InspectResult {
  const decoded = decodeToken(text);
  if (!decoded.ok) return decoded;
  const nowMs = typeof options.now === 'number' ? options.now : options.now.getTime();
  const report: TokenReport = { decoded: decoded.token, nowSeconds: nowMs / 1000 };
  if (options.audit !== false) report.audit = auditToken(decoded.token, options);
  if (options.expectedAudience) report.expectedAudience = options.expectedAudience;
  if (options.expectedIssuer) report.expectedIssuer = options.expectedIssuer;
  return { ok: true, report };
}

const TIME_CLAIMS = ['exp', 'nbf', 'iat', 'auth_time'] as const;
const ICONS: Record<TokenSeverity, string> = { error: '⛔', warning: '⚠️', info: 'ℹ️' };
const LABELS: Record<TokenSeverity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

/** `Signed JWT (JWS) · alg RS256 · kid "k1" · signature 256 bytes`. */
export function tokenSummaryLine(token: DecodedToken): string {
  const header = token.header;
  const parts = [token.kind === 'jws' ? 'Signed JWT (JWS)' : 'Encrypted token (JWE)', `alg ${typeof header.alg === 'string' ? header.alg : '(missing)'}`];
  if (token.kind === 'jwe') parts.push(`enc ${typeof header.enc === 'string' ? header.enc : '(missing)'}`);
  if (header.kid !== undefined) parts.push(`kid ${clip(JSON.stringify(header.kid), 60)}`);
  if (typeof header.typ === 'string') parts.push(`typ ${header.typ}`);
  if (token.kind === 'jws') parts.push(token.signatureBytes > 0 ? `signature ${token.signatureBytes} bytes` : 'no signature');
  return parts.join(' · ');
}

export function countsLine(audit: TokenAudit): string {
  if (audit.findings.length === 0) return 'no findings';
  return [plural(audit.errors, 'error'), plural(audit.warnings, 'warning'), plural(audit.infos, 'note')].filter(Boolean).join(', ');
}

function plural(count: number, word: string): string {
  return count === 0 ? '' : `${count} ${word}${count === 1 ? '' : 's'}`;
}

function timeRows(report: TokenReport): { claim: string; iso: string; relative: string; value: number }[] {
  if (report.decoded.kind !== 'jws') return [];
  const claims = report.decoded.claims;
  return TIME_CLAIMS.flatMap((claim) => {
    const value = claims[claim];
    return typeof value === 'number' && Number.isFinite(value) ? [{ claim, value, iso: isoTime(value), relative: relativeTime(value, report.nowSeconds) }] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Markdown.

/** Escapes text for markdown prose (values from the token are attacker-controlled). */
export function escapeMarkdown(text: string): string {
  // Values are only ever placed after our own prefix on a line, so line-start syntax (#, -, +) is inert.
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

function fenced(language: string, text: string): string {
  const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((match) => match[0].length + 1)));
  return `${fence}${language}\n${text}\n${fence}`;
}

function findingMarkdown(finding: TokenFinding): string {
  return [
    `- ${ICONS[finding.severity]} **${LABELS[finding.severity]}** \`${finding.id}\`: ${escapeMarkdown(finding.message)}`,
    `  ${escapeMarkdown(finding.why)} See [${escapeMarkdown(finding.reference.label)}](${finding.reference.url}).`,
  ].join('\n');
}

function verificationMarkdown(result: VerifyResult): string {
  return result.ok
    ? `✅ **Signature verified** with ${escapeMarkdown(result.key)} (alg ${escapeMarkdown(result.alg)}${result.kid !== undefined ? `, kid ${escapeMarkdown(JSON.stringify(result.kid))}` : ''}); claims checked by jose.`
    : `⛔ **Verification failed** with ${escapeMarkdown(result.key)}: ${escapeMarkdown(result.message)} (\`${result.code}\`)`;
}

/** The full report, for a markdown preview. */
export function renderMarkdown(report: TokenReport, title = 'Token'): string {
  const { decoded } = report;
  const lines: string[] = [`# MCP Warden: ${escapeMarkdown(title)}`, '', escapeMarkdown(tokenSummaryLine(decoded)), ''];
  if (report.verification) lines.push(verificationMarkdown(report.verification), '');
  if (report.audit) {
    const audit = report.audit;
    const expected = [
      report.expectedAudience ? `expected audience ${escapeMarkdown(report.expectedAudience)}` : 'no expected audience given',
      report.expectedIssuer ? `expected issuer ${escapeMarkdown(report.expectedIssuer)}` : undefined,
    ].filter(Boolean);
    lines.push('## Findings', '', `**${countsLine(audit)}** (${expected.join(', ')})`, '');
    if (audit.findings.length > 0) lines.push(...audit.findings.map(findingMarkdown), '');
  }
  const rows = timeRows(report);
  if (rows.length > 0) {
    lines.push('## Times', '', '| Claim | UTC | Relative |', '| --- | --- | --- |', ...rows.map((row) => `| \`${row.claim}\` | ${row.iso} | ${row.relative} |`), '');
  }
  lines.push('## Header', '', fenced('json', JSON.stringify(decoded.header, null, 2)), '');
  if (decoded.kind === 'jws') lines.push('## Claims', '', fenced('json', JSON.stringify(decoded.claims, null, 2)), '');
  else lines.push('## Encrypted parts', '', `Encrypted key ${decoded.encryptedKeyBytes} bytes · IV ${decoded.ivBytes} bytes · ciphertext ${decoded.ciphertextBytes} bytes · tag ${decoded.tagBytes} bytes. The claims cannot be read without the decryption key.`, '');
  lines.push('---', '', '_Decoded and audited locally by MCP Warden; the token itself is not shown here and was not sent anywhere._', '');
  return lines.join('\n');
}

const HOVER_JSON_LIMIT = 1500;

/** A compact version for hovers. */
export function renderHoverMarkdown(report: TokenReport): string {
  const { decoded } = report;
  const lines = [`**MCP Warden** · ${escapeMarkdown(tokenSummaryLine(decoded))}`];
  if (report.audit) {
    lines.push('', `Audit: **${countsLine(report.audit)}**`);
    const shown = report.audit.findings.slice(0, 8);
    lines.push(...shown.map((finding) => `- ${ICONS[finding.severity]} \`${finding.id}\`: ${escapeMarkdown(finding.message)}`));
    if (report.audit.findings.length > shown.length) lines.push(`- … ${report.audit.findings.length - shown.length} more`);
  }
  const rows = timeRows(report);
  if (rows.length > 0) lines.push('', rows.map((row) => `\`${row.claim}\` ${row.iso} (${row.relative})`).join(' · '));
  lines.push('', fenced('json', clip(JSON.stringify(decoded.header, null, 2), HOVER_JSON_LIMIT)));
  if (decoded.kind === 'jws') lines.push(fenced('json', clip(JSON.stringify(decoded.claims, null, 2), HOVER_JSON_LIMIT)));
  lines.push('', '_Run **MCP Warden: Verify Token Signature** to check the signature._');
  return lines.join('\n');
}

function clip(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

// ---------------------------------------------------------------------------------------------
// Plain text (CLI) and JSON.

export function renderText(report: TokenReport, color = false): string {
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severityColor: Record<TokenSeverity, string> = { error: '31', warning: '33', info: '36' };
  const indent = (text: string) => text.replace(/^/gm, '  ');
  const { decoded } = report;
  const lines = [tokenSummaryLine(decoded), '', paint('1', 'Header'), indent(JSON.stringify(decoded.header, null, 2))];
  if (decoded.kind === 'jws') lines.push(paint('1', 'Claims'), indent(JSON.stringify(decoded.claims, null, 2)));
  else lines.push(`Encrypted parts: key ${decoded.encryptedKeyBytes} B, IV ${decoded.ivBytes} B, ciphertext ${decoded.ciphertextBytes} B, tag ${decoded.tagBytes} B (claims unreadable without the key)`);
  const rows = timeRows(report);
  if (rows.length > 0) {
    lines.push(paint('1', 'Times'));
    const width = Math.max(...rows.map((row) => row.claim.length));
    lines.push(...rows.map((row) => `  ${row.claim.padEnd(width)}  ${describeTime(row.value, report.nowSeconds)}`));
  }
  if (report.audit) {
    lines.push('', paint('1', `Findings: ${countsLine(report.audit)}`));
    for (const finding of report.audit.findings) {
      lines.push(`  ${paint(severityColor[finding.severity], finding.severity.padEnd(7))}  ${finding.id}: ${finding.message}`, `           why: ${finding.why}`, `           see: ${finding.reference.url}`);
    }
  }
  if (report.verification) {
    const result = report.verification;
    lines.push(
      '',
      result.ok
        ? paint('32', `Signature: verified with ${result.key} (alg ${result.alg}${result.kid !== undefined ? `, kid ${JSON.stringify(result.kid)}` : ''})`)
        : paint('31', `Signature: NOT verified with ${result.key}: ${result.message} [${result.code}]`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A JSON-ready view of the report (no token, no secret). */
export function reportToJson(report: TokenReport): Record<string, unknown> {
  const { decoded } = report;
  return {
    kind: decoded.kind,
    header: decoded.header,
    ...(decoded.kind === 'jws'
      ? { claims: decoded.claims, signature: { present: decoded.signatureBytes > 0, bytes: decoded.signatureBytes } }
      : { encrypted: { encryptedKeyBytes: decoded.encryptedKeyBytes, ivBytes: decoded.ivBytes, ciphertextBytes: decoded.ciphertextBytes, tagBytes: decoded.tagBytes } }),
    times: Object.fromEntries(timeRows(report).map((row) => [row.claim, { value: row.value, iso: row.iso, relative: row.relative }])),
    ...(report.audit
      ? { summary: { errors: report.audit.errors, warnings: report.audit.warnings, infos: report.audit.infos }, findings: report.audit.findings }
      : {}),
    ...(report.verification ? { verification: report.verification } : {}),
  };
}
