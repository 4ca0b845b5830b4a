import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { parseKeyText, TokenKeyError, verifyToken, type VerificationKey, type VerifyResult } from '../../server/src/token';
import { checkJwksUrl, verifyWithRemoteJwks } from '../../server/src/token/remote';
import { goodClaims, ISSUER, makeKeys, NOW, NOW_MS, RESOURCE, sign, signHs256, unsignedToken, type KeyPairs } from './helpers';

let keys: KeyPairs;
let jwksText: string;
const currentDate = new Date(NOW_MS);

before(async () => {
  keys = await makeKeys();
  jwksText = JSON.stringify({ keys: [keys.rs256.jwk, keys.es256.jwk, keys.eddsa.jwk] });
});

function assertFailed(result: VerifyResult, code: string | RegExp, token?: string): void {
  assert.equal(result.ok, false, `expected failure ${String(code)}`);
  if (result.ok) return;
  if (typeof code === 'string') assert.equal(result.code, code, result.message);
  else assert.match(result.code, code, result.message);
  assert.ok(!result.message.includes('\n'));
  if (token) for (const part of token.split('.')) if (part) assert.ok(!JSON.stringify(result).includes(part), 'result contains the token');
}

void describe('parseKeyText', () => {
  void it('recognises a JWKS, a JWK, an SPKI PEM and refuses private keys', () => {
    assert.equal(parseKeyText(jwksText).kind, 'jwks');
    assert.equal(parseKeyText(JSON.stringify(keys.es256.jwk)).kind, 'jwk');
    assert.equal(parseKeyText(keys.rs256.spki).kind, 'spki');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    assert.throws(() => parseKeyText(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string), /private key/);
    assert.throws(() => parseKeyText('{"foo": 1}'), TokenKeyError);
    assert.throws(() => parseKeyText('hello'), /not a JWKS/);
    // Private JWK members are dropped: only the public key is used.
    const privateJwk = privateKey.export({ format: 'jwk' });
    const parsed = parseKeyText(JSON.stringify(privateJwk));
    assert.ok(parsed.kind === 'jwk' && !('d' in parsed.jwk));
  });
});

void describe('verifyToken', () => {
  void it('verifies RS256, ES256 and EdDSA against a local JWKS, with audience and issuer', async () => {
    const jwks = parseKeyText(jwksText);
    for (const alg of ['RS256', 'ES256', 'EdDSA'] as const) {
      const result = await verifyToken(await sign(keys, alg), jwks, { audience: RESOURCE, issuer: ISSUER, currentDate });
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.equal(result.alg, alg);
    }
  });

  void it('verifies with a PEM public key, a JWK and an HMAC secret', async () => {
    const checks: [string, VerificationKey][] = [
      [await sign(keys, 'ES256'), { kind: 'spki', pem: keys.es256.spki }],
      [await sign(keys, 'EdDSA'), parseKeyText(JSON.stringify(keys.eddsa.jwk))],
      [await signHs256(keys, 'k7Qp2vX9rT4mZ8wL1sN6yB3cF5hJ0dGaE'), { kind: 'secret', secret: 'k7Qp2vX9rT4mZ8wL1sN6yB3cF5hJ0dGaE' }],
    ];
    for (const [token, key] of checks) {
      const result = await verifyToken(token, key, { currentDate });
      assert.ok(result.ok, result.ok ? '' : `${key.kind}: ${result.message}`);
    }
  });

  void it('accepts an aud that differs from the expected resource only in canonical form', async () => {
    const token = await sign(keys, 'RS256', goodClaims({ aud: `${RESOURCE}/` }));
    const result = await verifyToken(token, parseKeyText(jwksText), { audience: RESOURCE, currentDate });
    assert.ok(result.ok, result.ok ? '' : result.message);
  });

  void it('fails with clear codes: wrong key, expired, wrong audience or issuer, alg none, key confusion', async () => {
    const jwks = parseKeyText(jwksText);
    const forged = await sign(keys, 'RS256', goodClaims(), {}, keys.other.privateKey);
    assertFailed(await verifyToken(forged, jwks, { currentDate }), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', forged);
    const expired = await sign(keys, 'ES256', goodClaims({ iat: NOW - 7200, exp: NOW - 3600 }));
    assertFailed(await verifyToken(expired, jwks, { currentDate }), 'ERR_JWT_EXPIRED', expired);
    const good = await sign(keys, 'ES256');
    assertFailed(await verifyToken(good, jwks, { audience: 'https://other.example/mcp', currentDate }), 'ERR_JWT_CLAIM_VALIDATION_FAILED', good);
    assertFailed(await verifyToken(good, jwks, { issuer: 'https://evil.example', currentDate }), 'ERR_JWT_CLAIM_VALIDATION_FAILED', good);
    assertFailed(await verifyToken(unsignedToken('none'), jwks, { currentDate }), 'ALG_NONE');
    assertFailed(await verifyToken(unsignedToken('NoNe'), { kind: 'secret', secret: '' }, { currentDate }), 'ALG_NONE');
    const hs = await signHs256(keys, keys.rs256.spki);
    const confusion = await verifyToken(hs, { kind: 'spki', pem: keys.rs256.spki }, { currentDate });
    assertFailed(confusion, 'ALG_KEY_MISMATCH', hs);
    assert.match(confusion.ok ? '' : confusion.message, /key-confusion/);
    assertFailed(await verifyToken(good, jwks, { algorithms: ['RS256'], currentDate }), 'ALG_NOT_ALLOWED', good);
    const unknownKid = await sign(keys, 'ES256', goodClaims(), { kid: 'missing' });
    assertFailed(await verifyToken(unknownKid, jwks, { currentDate }), 'ERR_JWKS_NO_MATCHING_KEY', unknownKid);
    assertFailed(await verifyToken('a.b', jwks), 'INVALID_TOKEN');
    const jwe = await new keys.jose.EncryptJWT(goodClaims()).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(new Uint8Array(32));
    assertFailed(await verifyToken(jwe, jwks), 'JWE');
  });

  void it('never echoes the secret', async () => {
    const secret = 'k7Qp2vX9rT4mZ8wL1sN6yB3cF5hJ0dGaE';
    const token = await signHs256(keys, 'a-different-secret-value-for-this-test');
    const result = await verifyToken(token, { kind: 'secret', secret }, { currentDate });
    assertFailed(result, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', token);
    assert.ok(!JSON.stringify(result).includes(secret));
  });
});

void describe('verifyWithRemoteJwks', () => {
  let server: Server;
  let base: string;
  let requests = 0;

  before(async () => {
    server = createServer((request, response) => {
      requests++;
      if (request.url === '/.well-known/jwks.json') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(jwksText);
      } else if (request.url === '/redirect') {
        response.writeHead(302, { location: '/.well-known/jwks.json' }).end();
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  void it('verifies against a JWKS served on 127.0.0.1', async () => {
    for (const alg of ['RS256', 'ES256', 'EdDSA'] as const) {
      const result = await verifyWithRemoteJwks(`${base}/.well-known/jwks.json`, await sign(keys, alg), { audience: RESOURCE, issuer: ISSUER, currentDate });
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.match(result.key, /JWKS at http:\/\/127\.0\.0\.1/);
    }
    assert.ok(requests > 0);
  });

  void it('fails cleanly on a forged token, a 404, a redirect and an unreachable host', async () => {
    const forged = await sign(keys, 'RS256', goodClaims(), {}, keys.other.privateKey);
    assertFailed(await verifyWithRemoteJwks(`${base}/.well-known/jwks.json`, forged, { currentDate }), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', forged);
    const good = await sign(keys, 'RS256');
    assertFailed(await verifyWithRemoteJwks(`${base}/missing.json`, good, { currentDate }), 'JWKS_HTTP_STATUS', good);
    assertFailed(await verifyWithRemoteJwks(`${base}/redirect`, good, { currentDate }), 'JWKS_HTTP_STATUS', good);
    assertFailed(await verifyWithRemoteJwks('http://127.0.0.1:9/jwks.json', good, { currentDate, timeoutMs: 2000 }), /JWKS_FETCH_FAILED|ERR_JWKS_TIMEOUT/, good);
  });

  void it('only fetches https, or http on loopback', () => {
    assert.equal(checkJwksUrl('https://auth.example.com/jwks').protocol, 'https:');
    assert.equal(checkJwksUrl('http://localhost:8080/jwks').hostname, 'localhost');
    assert.throws(() => checkJwksUrl('http://auth.example.com/jwks'), /must use https/);
    assert.throws(() => checkJwksUrl('file:///etc/passwd'), /must use https/);
    assert.throws(() => checkJwksUrl('https://user:pw@auth.example.com/jwks'), /credentials/);
    assert.throws(() => checkJwksUrl('jwks.json'), /not a valid absolute URL/);
  });
});
