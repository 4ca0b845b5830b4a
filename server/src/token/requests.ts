/**
 * Host-side handler of the `mcpWarden/token` request: decode, audit or verify one token and render
 * the report as markdown. Nothing here logs; results and errors never carry the token or a secret.
 */
import type { TokenRequestParams, TokenRequestResult } from '../protocol';
import { checkJwksUrl, verifyWithRemoteJwks } from './remote';
import { inspectToken, renderMarkdown } from './report';
import { parseKeyText, TokenKeyError, verifyToken, type VerifyResult } from './verify';

const TITLES = { decode: 'Decoded token', audit: 'Token audit', verify: 'Token signature' } as const;

export async function handleTokenRequest(params: TokenRequestParams, now: number = Date.now()): Promise<TokenRequestResult> {
  const mode = params.mode === 'decode' || params.mode === 'verify' ? params.mode : 'audit';
  const token = typeof params.token === 'string' ? params.token : '';
  const inspected = inspectToken(token, {
    now,
    audit: mode !== 'decode',
    ...(params.expectedAudience ? { expectedAudience: params.expectedAudience } : {}),
    ...(params.expectedIssuer ? { expectedIssuer: params.expectedIssuer } : {}),
    ...(typeof params.maxLifetimeSeconds === 'number' && params.maxLifetimeSeconds > 0 ? { maxLifetimeSeconds: params.maxLifetimeSeconds } : {}),
  });
  if (!inspected.ok) return { ok: false, error: inspected.error };
  const { report } = inspected;
  if (mode === 'verify') {
    if (!params.key) return { ok: false, error: 'no key given to verify the signature with' };
    let verification: VerifyResult;
    try {
      verification = await verifyWith(token, params, now);
    } catch (error) {
      if (error instanceof TokenKeyError) return { ok: false, error: error.message };
      return { ok: false, error: 'the key could not be used' };
    }
    report.verification = verification;
  }
  return {
    ok: true,
    markdown: renderMarkdown(report, TITLES[mode]),
    errors: report.audit?.errors ?? 0,
    warnings: report.audit?.warnings ?? 0,
    ...(report.verification ? { verified: report.verification.ok } : {}),
  };
}

async function verifyWith(token: string, params: TokenRequestParams, now: number): Promise<VerifyResult> {
  const key = params.key!;
  const options = {
    currentDate: new Date(now),
    ...(params.expectedAudience ? { audience: params.expectedAudience } : {}),
    ...(params.expectedIssuer ? { issuer: params.expectedIssuer } : {}),
  };
  switch (key.kind) {
    case 'key-text':
      return verifyToken(token, parseKeyText(key.text), options);
    case 'secret':
      if (!key.secret) throw new TokenKeyError('the HMAC secret is empty');
      return verifyToken(token, { kind: 'secret', secret: key.secret }, options);
    case 'jwks-url':
      // The client sends a URL only after a modal confirmation in a trusted workspace.
      checkJwksUrl(key.url);
      return verifyWithRemoteJwks(key.url, token, options);
    default:
      throw new TokenKeyError('unknown key source');
  }
}
