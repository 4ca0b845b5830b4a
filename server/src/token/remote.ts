/**
 * Host-side: verification against a remote JWKS. The only network access of the token module; call
 * it only after the user confirmed the URL (the VS Code command asks; on the CLI the user typed it).
 */
import { TokenKeyError, verifyWithResolver, type VerifyOptions, type VerifyResult } from './verify';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The URL, if it may be fetched: https, or http on the loopback interface (local tests). */
export function checkJwksUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new TokenKeyError('the JWKS URL is not a valid absolute URL');
  }
  if (url.username || url.password) throw new TokenKeyError('the JWKS URL must not carry credentials');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  throw new TokenKeyError(`the JWKS URL must use https (got ${url.protocol.replace(/:$/, '')})`);
}

export interface RemoteVerifyOptions extends VerifyOptions {
  /** Fetch timeout in ms (default 5000). */
  timeoutMs?: number;
}

/** Verifies `token` with `jose.createRemoteJWKSet(url)`. Throws TokenKeyError for a refused URL. */
export async function verifyWithRemoteJwks(url: string, token: string, options: RemoteVerifyOptions = {}): Promise<VerifyResult> {
  const checked = checkJwksUrl(url);
  const result = await verifyWithResolver(token, (jose) => jose.createRemoteJWKSet(checked, { timeoutDuration: options.timeoutMs ?? 5000, cooldownDuration: 0 }), options, `JWKS at ${checked.href}`);
  if (!result.ok && result.code === 'ERROR' && /fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN/i.test(result.message)) {
    return { ...result, code: 'JWKS_FETCH_FAILED', message: `could not fetch the JWKS from ${checked.href}` };
  }
  if (!result.ok && /Expected 200 OK/.test(result.message)) {
    return { ...result, code: 'JWKS_HTTP_STATUS', message: `the JWKS URL did not answer 200 OK (redirects are not followed): ${checked.href}` };
  }
  return result;
}
