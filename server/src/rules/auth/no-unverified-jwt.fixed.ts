import express from 'express';
import jwt from 'jsonwebtoken';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import { jwtDecode } from 'jwt-decode';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { TextDecoder } from 'node:util';

const JWKS = createRemoteJWKSet(new URL('https://auth.example.com/.well-known/jwks.json'));
const SERVER_URL = 'https://mcp.example.com/mcp';
const app = express();

// An MCP token verifier that only decodes.
const decodingVerifier = {
  async verifyAccessToken(token: string): Promise<AuthInfo> {
    // ruleid: no-unverified-jwt
    const claims = decodeJwt(token);
    return { token, clientId: String(claims.client_id), scopes: String(claims.scope).split(' ') };
  },
};
app.post('/mcp', requireBearerAuth({ verifier: decodingVerifier }));

// Express middleware that trusts jsonwebtoken.decode.
app.use((req, _res, next) => {
  const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
  // ruleid: no-unverified-jwt
  (req as any).user = jwt.decode(token);
  next();
});

function isAdmin(token: string): boolean {
  // ruleid: no-unverified-jwt
  const { roles } = jwtDecode<{ roles: string[] }>(token);
  return roles.includes('admin');
}

function subjectOf(token: string): string | undefined {
  // ruleid: no-unverified-jwt
  return jwt.decode(token, { json: true })?.sub;
}

async function authenticate(token: string) {
  // ruleid: no-unverified-jwt
  const { payload } = UnsecuredJWT.decode(token);
  return payload;
}

function requireScope(token: string, scope: string) {
  // ruleid: no-unverified-jwt
  const payload = decodeJwt(token);
  if (!String(payload.scope).split(' ').includes(scope)) throw new Error('insufficient_scope');
}

// ruleid: no-unverified-jwt
const verifyAlg = (token: string) => decodeProtectedHeader(token).alg === 'RS256';

// ruleid: no-unverified-jwt
jwt.verify(process.argv[2] ?? '', '', { algorithms: ['none'] });

function legacyVerify(token: string, key: string) {
  return jwt.verify(token, key, {
    audience: SERVER_URL,
    // ruleid: no-unverified-jwt
    algorithms: ['RS256'],
    // ruleid: no-unverified-jwt
  });
}

// ruleid: no-unverified-jwt
const lenient = { algorithms: ['HS256'], audience: SERVER_URL };

// ---- Near misses: all silent ----

// The header is read to pick a key, then the token is verified.
async function verifyWithKeyLookup(token: string): Promise<AuthInfo> {
  // ok: no-unverified-jwt
  const { kid } = decodeProtectedHeader(token);
  const { payload } = await jwtVerify(token, JWKS, { audience: SERVER_URL, issuer: 'https://auth.example.com' });
  return { token, clientId: String(payload.client_id ?? kid), scopes: String(payload.scope).split(' ') };
}

// Claims read again after the token was verified.
async function verifiedThenDecoded(token: string) {
  await jwtVerify(token, JWKS, { audience: SERVER_URL });
  // ok: no-unverified-jwt
  return decodeJwt(token).sub;
}

// jsonwebtoken: verify first, decode in the error path for a log line.
function verifyOrExplain(token: string, key: string) {
  try {
    return jwt.verify(token, key, { algorithms: ['RS256'], audience: SERVER_URL });
  } catch (error) {
    // ok: no-unverified-jwt
    console.error('rejected token for', jwt.decode(token, { json: true })?.sub);
    throw error;
  }
}

// A token this code just minted.
async function mintForUpstream(key: Uint8Array) {
  const token = await new SignJWT({ scope: 'read' }).setProtectedHeader({ alg: 'HS256' }).sign(key);
  // ok: no-unverified-jwt
  const { scope } = decodeJwt(token);
  return { token, scope };
}

// A client that only shows the signed-in user and refreshes before expiry.
function showProfile(idToken: string) {
  // ok: no-unverified-jwt
  const { name, email, exp } = jwtDecode<{ name: string; email: string; exp: number }>(idToken);
  return `${name} <${email}> until ${new Date(exp * 1000).toISOString()}`;
}

function needsRefresh(accessToken: string): boolean {
  // ok: no-unverified-jwt
  const claims = decodeJwt(accessToken);
  return (claims.exp ?? 0) * 1000 < Date.now() + 60_000;
}

function logExpiry(token: string) {
  // ok: no-unverified-jwt
  console.error('token expires at', decodeJwt(token).exp);
}

// ok: no-unverified-jwt
const verifiedWithRs256 = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['RS256'], audience: SERVER_URL });

// Look-alikes from other libraries.
// ok: no-unverified-jwt
const text = new TextDecoder().decode(new Uint8Array([104, 105]));
// ok: no-unverified-jwt
const fromQuery = decodeURIComponent('sub%3Dabc');

// Safe verify options.
// ok: no-unverified-jwt
const strict = { algorithms: ['RS256'], audience: SERVER_URL, ignoreExpiration: false };
// ok: no-unverified-jwt
const fromEnvironment = { algorithms: ['ES256'], ignoreExpiration: process.env.JWT_IGNORE_EXP === 'never' };

export { isAdmin, subjectOf, authenticate, requireScope, verifyAlg, legacyVerify, lenient, verifyWithKeyLookup, verifiedThenDecoded, verifyOrExplain, mintForUpstream, showProfile, needsRefresh, logExpiry, verifiedWithRs256, text, fromQuery, strict, fromEnvironment };
