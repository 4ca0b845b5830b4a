/**
 * The token module: decode, audit and verify JWTs. Pure (no editor, no I/O) except ./remote.ts,
 * which fetches a JWKS and is only called after the user confirmed the URL.
 */
export { decodeToken, jwtAt, looksLikeJwt, normalizeTokenText, MAX_TOKEN_BYTES, type DecodedToken, type DecodedJws, type DecodedJwe, type DecodeResult } from './decode';
export { auditToken, canonicalResourceUri, tokenScopes, SPEC_AUTHORIZATION, SPEC_SECURITY, type AuditOptions, type TokenAudit, type TokenFinding, type TokenSeverity } from './audit';
export { verifyToken, parseKeyText, describeKey, TokenKeyError, type VerificationKey, type VerifyOptions, type VerifyResult } from './verify';
export { inspectToken, renderMarkdown, renderHoverMarkdown, renderText, reportToJson, tokenSummaryLine, countsLine, type TokenReport, type InspectResult } from './report';
export { describeTime, formatDuration, isoTime, relativeTime } from './time';
