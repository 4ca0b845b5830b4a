// fixture-path: test/verifier.test.ts
import assert from 'node:assert/strict';
import { it } from 'node:test';
import jwt from 'jsonwebtoken';
import { jwtVerify } from 'jose';

it('signs tokens the verifier accepts', async () => {
  const token = jwt.sign({ sub: 'user-1' }, 'test-secret');
  // ok: require-token-audience
  assert.equal((jwt.verify(token, 'test-secret') as jwt.JwtPayload).sub, 'user-1');
  // ok: require-token-audience
  await jwtVerify(token, new TextEncoder().encode('test-secret'));
});
