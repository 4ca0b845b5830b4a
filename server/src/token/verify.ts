/**
 * Signature and claim verification with `jose.jwtVerify`, against keys the caller already holds
 * (JWKS, JWK, PEM, HMAC secret). No network here: remote JWKS live in ./remote.ts.
 * Results and messages never contain the token or the secret.
 */
import { JWS_ALGORITHMS, canonicalResourceUri } from './audit';
import { compactOf, decodeToken } from './decode';

// jose 6 is ESM-only; a dynamic import works from this CommonJS build and is bundled by esbuild.
const loadJose = () => import('jose');
type Jose = Awaited<ReturnType<typeof loadJose>>;
export type Jwk = Parameters<Jose['importJWK']>[0];
export type Jwks = Parameters<Jose['createLocalJWKSet']>[0];
export type KeyResolver = ReturnType<Jose['createLocalJWKSet']> | ReturnType<Jose['createRemoteJWKSet']>;

export type VerificationKey =
  | { kind: 'secret'; secret: string }
  | { kind: 'jwk'; jwk: Jwk }
  | { kind: 'jwks'; jwks: Jwks }
  | { kind: 'spki'; pem: string }
  | { kind: 'x509'; pem: string };

export interface VerifyOptions {
  /** Allowed algorithms; default: the token's own alg, if it fits the key type. */
  algorithms?: string[];
  audience?: string | string[];
  issuer?: string | string[];
  currentDate?: Date;
  clockToleranceSeconds?: number;
}

export type VerifyResult =
  | { ok: true; alg: string; kid?: string; key: string }
  | { ok: false; code: string; message: string; key: string };

export class TokenKeyError extends Error {}

const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'];
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

/**
 * The key in a key file: a JWKS (`{"keys": [...]}`), a JWK, a PEM public key (SPKI) or an X.509
 * certificate. Private members of a JWK are dropped; private PEM keys are refused.
 */
export function parseKeyText(text: string): VerificationKey {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new TokenKeyError('the key file starts with { but is not valid JSON');
    }
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.keys)) {
      const keys = (object.keys as unknown[]).filter((key): key is Jwk => typeof key === 'object' && key !== null && typeof (key as Jwk).kty === 'string').map(publicJwk);
      if (keys.length === 0) throw new TokenKeyError('the JWKS has no keys');
      return { kind: 'jwks', jwks: { keys } };
    }
    if (typeof object.kty === 'string') return { kind: 'jwk', jwk: publicJwk(object) };
    throw new TokenKeyError('the JSON key file is neither a JWKS ({"keys": [...]}) nor a JWK (no "kty")');
  }
  if (/-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/.test(trimmed)) throw new TokenKeyError('the key file holds a private key: give the public key (SPKI PEM, certificate or public JWK) instead');
  if (trimmed.includes('-----BEGIN RSA PUBLIC KEY-----')) throw new TokenKeyError('PKCS#1 RSA public keys are not supported: convert it with `openssl rsa -RSAPublicKey_in -pubout`');
  if (trimmed.includes('-----BEGIN PUBLIC KEY-----')) return { kind: 'spki', pem: trimmed };
  if (trimmed.includes('-----BEGIN CERTIFICATE-----')) return { kind: 'x509', pem: trimmed };
  throw new TokenKeyError('the key file is not a JWKS, a JWK, a PEM public key or a PEM certificate');
}

function publicJwk(jwk: Jwk): Jwk {
  if (jwk.kty === 'oct') return jwk;
  const copy: Record<string, unknown> = { ...jwk };
  for (const member of PRIVATE_JWK_MEMBERS) delete copy[member];
  if (Array.isArray(copy.key_ops)) copy.key_ops = (copy.key_ops as unknown[]).filter((op) => op === 'verify');
  return copy;
}

export function describeKey(key: VerificationKey): string {
  switch (key.kind) {
    case 'secret':
      return 'HMAC secret';
    case 'jwk':
      return `JWK (${key.jwk.kty}${key.jwk.kid ? `, kid ${JSON.stringify(key.jwk.kid)}` : ''})`;
    case 'jwks':
      return `JWKS (${key.jwks.keys.length} key${key.jwks.keys.length === 1 ? '' : 's'})`;
    case 'spki':
      return 'PEM public key';
    case 'x509':
      return 'X.509 certificate';
  }
}

function isSymmetric(key: VerificationKey): boolean {
  return key.kind === 'secret' || (key.kind === 'jwk' && key.jwk.kty === 'oct');
}

export async function verifyToken(token: string, key: VerificationKey, options: VerifyOptions = {}): Promise<VerifyResult> {
  const label = describeKey(key);
  const prepared = prepare(token, isSymmetric(key) ? 'symmetric' : 'asymmetric', options, label);
  if (!prepared.ok) return prepared.result;
  let jose: Jose;
  try {
    jose = await loadJose();
    const material =
      key.kind === 'secret'
        ? new TextEncoder().encode(key.secret)
        : key.kind === 'jwks'
          ? jose.createLocalJWKSet(key.jwks)
          : key.kind === 'jwk'
            ? await jose.importJWK(key.jwk, prepared.alg)
            : key.kind === 'spki'
              ? await jose.importSPKI(key.pem, prepared.alg)
              : await jose.importX509(key.pem, prepared.alg);
    return await runJwtVerify(jose, prepared, material, options, label);
  } catch (error) {
    return failure(error, prepared.compact, label);
  }
}

/** Verifies against a key resolver (a remote JWKS). Used by ./remote.ts. */
export async function verifyWithResolver(token: string, resolver: (jose: Jose) => KeyResolver, options: VerifyOptions, label: string): Promise<VerifyResult> {
  const prepared = prepare(token, 'asymmetric', options, label);
  if (!prepared.ok) return prepared.result;
  try {
    const jose = await loadJose();
    return await runJwtVerify(jose, prepared, resolver(jose), options, label);
  } catch (error) {
    return failure(error, prepared.compact, label);
  }
}

interface Prepared {
  ok: true;
  compact: string;
  alg: string;
  algorithms: string[];
}

function prepare(token: string, keyType: 'symmetric' | 'asymmetric', options: VerifyOptions, label: string): Prepared | { ok: false; result: VerifyResult } {
  const reject = (code: string, message: string) => ({ ok: false as const, result: { ok: false as const, code, message, key: label } });
  const decoded = decodeToken(token);
  if (!decoded.ok) return reject('INVALID_TOKEN', decoded.error);
  if (decoded.token.kind === 'jwe') return reject('JWE', 'this is an encrypted token (JWE): only signed tokens (JWS) can be verified');
  const compact = compactOf(decoded.token)!;
  const alg = decoded.token.header.alg;
  if (typeof alg !== 'string') return reject('NO_ALG', 'the token header has no alg');
  if (alg.toLowerCase() === 'none') return reject('ALG_NONE', `alg is ${JSON.stringify(alg)}: an unsigned token never verifies`);
  if (!JWS_ALGORITHMS.includes(alg)) return reject('UNKNOWN_ALG', `alg ${JSON.stringify(alg).slice(0, 40)} is not a supported JWS algorithm`);
  const fits = (candidate: string) => (keyType === 'symmetric') === HMAC_ALGORITHMS.includes(candidate);
  if (!fits(alg)) {
    return reject(
      'ALG_KEY_MISMATCH',
      keyType === 'symmetric'
        ? `the token says ${alg} but the key is an HMAC secret: refusing to mix key types`
        : `the token says ${alg} (HMAC) but the key is a public key: that is the RS/HS key-confusion attack, and a correct verifier rejects it`,
    );
  }
  const algorithms = (options.algorithms ?? [alg]).filter(fits);
  if (algorithms.length === 0) return reject('ALG_NOT_ALLOWED', `none of the allowed algorithms (${(options.algorithms ?? []).join(', ')}) fits this key`);
  if (!algorithms.includes(alg)) return reject('ALG_NOT_ALLOWED', `the token alg ${alg} is not among the allowed algorithms (${algorithms.join(', ')})`);
  return { ok: true, compact, alg, algorithms };
}

async function runJwtVerify(jose: Jose, prepared: Prepared, key: Parameters<Jose['jwtVerify']>[1], options: VerifyOptions, label: string): Promise<VerifyResult> {
  const verifyOptions = {
    algorithms: prepared.algorithms,
    ...(options.audience !== undefined ? { audience: audienceVariants(options.audience) } : {}),
    ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
    ...(options.currentDate ? { currentDate: options.currentDate } : {}),
    clockTolerance: options.clockToleranceSeconds ?? 30,
  };
  const result = typeof key === 'function' ? await jose.jwtVerify(prepared.compact, key, verifyOptions) : await jose.jwtVerify(prepared.compact, key, verifyOptions);
  const kid = result.protectedHeader.kid;
  return { ok: true, alg: result.protectedHeader.alg, ...(kid !== undefined ? { kid } : {}), key: label };
}

/** The expected audience plus its RFC 8707 canonical spellings (with and without a trailing slash). */
function audienceVariants(audience: string | string[]): string[] {
  const variants = new Set<string>();
  for (const value of Array.isArray(audience) ? audience : [audience]) {
    variants.add(value);
    const canonical = canonicalResourceUri(value);
    if (canonical !== undefined) {
      variants.add(canonical);
      variants.add(`${canonical}/`);
    }
  }
  return [...variants];
}

const ERROR_MESSAGES: Record<string, string> = {
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'signature verification failed: the token was not signed by this key (or it was altered)',
  ERR_JWT_EXPIRED: 'the signature is valid but the token has expired',
  ERR_JOSE_ALG_NOT_ALLOWED: 'the token alg is not among the allowed algorithms',
  ERR_JWKS_NO_MATCHING_KEY: "no key in the JWKS matches the token's kid and alg",
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'several keys in the JWKS match and the token has no kid to choose one',
  ERR_JWKS_TIMEOUT: 'fetching the JWKS timed out',
  ERR_JWKS_INVALID: 'the key set is not a valid JWKS',
  ERR_JWK_INVALID: 'the key is not a valid JWK',
};

function failure(error: unknown, compact: string, label: string): VerifyResult {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'ERROR';
  let message = ERROR_MESSAGES[code];
  if (message === undefined) {
    const raw = error instanceof Error ? error.message : String(error);
    message =
      code === 'ERR_JWT_CLAIM_VALIDATION_FAILED'
        ? `the signature is valid but a claim check failed: ${raw}`
        : code === 'ERR_JWKS_INVALID' || code === 'ERR_JWK_INVALID'
          ? raw
          : `verification failed: ${raw}`;
  }
  return { ok: false, code, message: redact(message.split('\n')[0]!, compact), key: label };
}

/** Removes the token (and each of its parts) from a message, should a library ever echo them. */
export function redact(message: string, compact: string): string {
  let result = message.split(compact).join('[token]');
  for (const part of compact.split('.')) if (part.length >= 8) result = result.split(part).join('[token part]');
  return result;
}
