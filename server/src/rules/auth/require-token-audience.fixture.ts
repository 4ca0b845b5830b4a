import express from 'express';
import jwt from 'jsonwebtoken';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { checkResourceAllowed } from '@modelcontextprotocol/sdk/shared/auth-utils.js';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';

const ISSUER = 'https://auth.example.com';
const SERVER_URL = new URL('https://mcp.example.com/mcp');
const JWKS = createRemoteJWKSet(new URL(`${ISSUER}/.well-known/jwks.json`));
const PUBLIC_KEY = process.env.JWT_PUBLIC_KEY ?? '';
const app = express();

class JoseVerifier implements OAuthTokenVerifier {
  async verifyAccessToken(token: string): Promise<AuthInfo> {
    // ruleid: require-token-audience
    const { payload } = await jwtVerify(token, JWKS);
    return { token, clientId: String(payload.client_id), scopes: String(payload.scope).split(' ') };
  }
}

async function verifyIssuerOnly(token: string) {
  // ruleid: require-token-audience
  const { payload } = await jwtVerify(token, JWKS, {
    issuer: ISSUER,
  });
  return payload;
}

function legacyVerify(token: string) {
  // ruleid: require-token-audience
  return jwt.verify(token, PUBLIC_KEY);
}

function legacyVerifyWithCallback(token: string, done: (error: unknown, claims?: unknown) => void) {
  // ruleid: require-token-audience
  jwt.verify(token, PUBLIC_KEY, { algorithms: ['RS256'] }, done);
}

// Reported at the call below; the fix adds `audience` here.
const sharedOptions = { issuer: ISSUER };
async function verifyShared(token: string) {
  // ruleid: require-token-audience
  return jwtVerify(token, JWKS, sharedOptions);
}

// Introspection-based verifier that never checks `aud`.
const introspectingVerifier = {
  // ruleid: require-token-audience
  verifyAccessToken: async (token: string): Promise<AuthInfo> => {
    const response = await fetch(`${ISSUER}/introspect`, { method: 'POST', body: new URLSearchParams({ token }) });
    const data = await response.json();
    if (!data.active) throw new Error('inactive token');
    return { token, clientId: data.client_id, scopes: String(data.scope).split(' '), expiresAt: data.exp, resource: new URL(data.aud) };
  },
};
app.post('/mcp', requireBearerAuth({ verifier: introspectingVerifier }));

// ---- Near misses: all silent ----

class StrictVerifier implements OAuthTokenVerifier {
  async verifyAccessToken(token: string): Promise<AuthInfo> {
    // ok: require-token-audience
    const { payload } = await jwtVerify(token, JWKS, { issuer: ISSUER, audience: SERVER_URL.href, algorithms: ['RS256'] });
    return { token, clientId: String(payload.client_id), scopes: String(payload.scope).split(' ') };
  }
}

function strictLegacy(token: string) {
  // ok: require-token-audience
  return jwt.verify(token, PUBLIC_KEY, { algorithms: ['RS256'], audience: SERVER_URL.href, issuer: ISSUER });
}

async function manualAudience(token: string) {
  // ok: require-token-audience
  const { payload } = await jwtVerify(token, JWKS, { issuer: ISSUER });
  if (payload.aud !== SERVER_URL.href) throw new Error('token not issued for this server');
  return payload;
}

// Options built by a helper: unknown, not guessed.
declare function verifyOptions(): { audience: string };
async function builtOptions(token: string) {
  // ok: require-token-audience
  return jwtVerify(token, JWKS, verifyOptions());
}

const base = { audience: SERVER_URL.href };
async function spreadOptions(token: string) {
  // ok: require-token-audience
  return jwtVerify(token, JWKS, { ...base, issuer: ISSUER });
}

// The SDK's own pattern: introspection plus checkResourceAllowed.
const checkedVerifier = {
  // ok: require-token-audience
  verifyAccessToken: async (token: string): Promise<AuthInfo> => {
    const data = await (await fetch(`${ISSUER}/introspect`, { method: 'POST', body: token })).json();
    if (!checkResourceAllowed({ requestedResource: data.aud, configuredResource: SERVER_URL })) throw new Error('wrong audience');
    return { token, clientId: data.client_id, scopes: String(data.scope).split(' ') };
  },
};

// A verifier that delegates to a verification helper (which is judged on its own).
const delegatingVerifier = {
  // ok: require-token-audience
  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const claims = await verifyIssuerOnly(token);
    return { token, clientId: String(claims.client_id), scopes: [] };
  },
};

// Look-alikes: other `verify` methods.
declare const signer: { verify(data: string, signature: string): boolean };
// ok: require-token-audience
const signatureOk = signer.verify('payload', 'signature');

export { JoseVerifier, legacyVerify, legacyVerifyWithCallback, verifyShared, StrictVerifier, strictLegacy, manualAudience, builtOptions, spreadOptions, checkedVerifier, delegatingVerifier, signatureOk };
