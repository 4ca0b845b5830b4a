// fixture-path: tests/auth.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyBearer } from '../src/auth.js';

// ok: no-hardcoded-secret
const EXPIRED_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEyMyJ9.Qm9ndXNTaWduYXR1cmVGb3JUZXN0cw';
// ok: no-hardcoded-secret
const signingSecret = 'Zx8vQ2mN5kL9pR3tW7yB1cF4';
// ok: no-hardcoded-secret
const DATABASE_URL = 'postgres://app:Tr0ub4dor-3@db.test:5432/app';
// ruleid: no-hardcoded-secret
const githubToken = process.env.GITHUB_TOKEN;

describe('verifyBearer', () => {
  it('rejects an expired token', async () => {
    // ok: no-hardcoded-secret
    const headers = { Authorization: 'Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0' };
    await assert.rejects(verifyBearer(headers, { secret: signingSecret, token: EXPIRED_JWT, databaseUrl: DATABASE_URL }));
  });

  it('calls the upstream API with the configured key', () => {
    // ruleid: no-hardcoded-secret
    process.env.OPENAI_API_KEY = 'sk-proj-Zq7Xw2Lm9Pb4Nc6Vd1Ft8Hr3Js5Kg0Ye';
    // ok: no-hardcoded-secret
    process.env.ANTHROPIC_API_KEY = 'sk-ant-test-key';
    assert.ok(githubToken);
  });
});
