// fixture-path: tests/auth.test.ts
import assert from 'node:assert/strict';
import { it } from 'node:test';
import jwt from 'jsonwebtoken';
import { decodeJwt } from 'jose';
import { verifyBearer } from '../src/auth.js';

it('issues a token for the MCP audience', async () => {
  const token = await verifyBearer('Bearer test-token');
  // ok: no-unverified-jwt
  const claims = decodeJwt(token);
  assert.equal(claims.sub, 'user-1');
  // ok: no-unverified-jwt
  assert.deepEqual(jwt.decode(token, { json: true })?.scope, 'read');
  // ok: no-unverified-jwt
  assert.ok(jwt.verify(token, 'test-secret', { algorithms: ['HS256', 'none'], ignoreExpiration: true }));
});
