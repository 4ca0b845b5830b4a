/** Tokens minted with jose for the token tests (keys generated per run; nothing is checked in). */
import { createHmac } from 'node:crypto';

export const loadJose = () => import('jose');
type Jose = Awaited<ReturnType<typeof loadJose>>;
export type TestJwk = Parameters<Jose['importJWK']>[0];
type PrivateKey = Awaited<ReturnType<Jose['generateKeyPair']>>['privateKey'];

/** Fixed "now" for deterministic times: 2026-01-15T12:00:00Z. */
export const NOW_MS = Date.UTC(2026, 0, 15, 12, 0, 0);
export const NOW = NOW_MS / 1000;
export const RESOURCE = 'https://mcp.example.com/mcp';
export const ISSUER = 'https://auth.example.com';

export function goodClaims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: ISSUER, sub: 'user-1', aud: RESOURCE, iat: NOW - 60, exp: NOW + 1800, scope: 'files:read', ...extra };
}

export function b64(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** An unsigned token built by hand (jose refuses to make one). */
export function unsignedToken(alg: string, claims: Record<string, unknown> = goodClaims()): string {
  return `${b64({ alg, typ: 'JWT' })}.${b64(claims)}.`;
}

/** An HS256 token signed by hand with `secret` (any header). */
export function hmacToken(header: Record<string, unknown>, claims: Record<string, unknown>, secret: string): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export interface KeyPairs {
  jose: Jose;
  rs256: { privateKey: PrivateKey; jwk: TestJwk; spki: string };
  es256: { privateKey: PrivateKey; jwk: TestJwk; spki: string };
  eddsa: { privateKey: PrivateKey; jwk: TestJwk; spki: string };
  other: { privateKey: PrivateKey; jwk: TestJwk };
}

export async function makeKeys(): Promise<KeyPairs> {
  const jose = await loadJose();
  const pair = async (alg: string, kid: string) => {
    const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
    const jwk = { ...(await jose.exportJWK(publicKey)), kid, alg, use: 'sig' };
    return { privateKey, jwk, spki: await jose.exportSPKI(publicKey) };
  };
  return { jose, rs256: await pair('RS256', 'rsa-1'), es256: await pair('ES256', 'ec-1'), eddsa: await pair('EdDSA', 'ed-1'), other: await pair('RS256', 'rsa-1') };
}

export async function sign(keys: KeyPairs, alg: 'RS256' | 'ES256' | 'EdDSA', claims: Record<string, unknown> = goodClaims(), header: Record<string, unknown> = {}, key?: PrivateKey): Promise<string> {
  const pair = alg === 'RS256' ? keys.rs256 : alg === 'ES256' ? keys.es256 : keys.eddsa;
  return new keys.jose.SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', kid: pair.jwk.kid, ...header }).sign(key ?? pair.privateKey);
}

export async function signHs256(keys: KeyPairs, secret: string, claims: Record<string, unknown> = goodClaims()): Promise<string> {
  return new keys.jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}
