import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { TokenRequest, type TokenRequestParams, type TokenRequestResult } from '../../server/src/protocol';
import { analyzerWith } from '../helpers/analyzer';
import { TestClient, pathToUri } from '../helpers/lsp-client';
import { goodClaims, makeKeys, RESOURCE, sign, signHs256, unsignedToken, type KeyPairs } from './helpers';

const SECRET = 'k7Qp2vX9rT4mZ8wL1sN6yB3cF5hJ0dGaE';

void describe('tokens in the language server', () => {
  let workspace: string;
  let client: TestClient;
  let keys: KeyPairs;
  const now = () => Math.floor(Date.now() / 1000);
  const fresh = (extra: Record<string, unknown> = {}) => goodClaims({ iat: now() - 60, exp: now() + 1800, ...extra });
  const request = (params: TokenRequestParams) => client.request<TokenRequestResult>(TokenRequest.method, params);
  const assertNoToken = (text: string, token: string) => {
    for (const part of token.split('.')) if (part.length >= 8) assert.ok(!text.includes(part), 'the token appears in the result');
  };

  before(async () => {
    keys = await makeKeys();
    workspace = mkdtempSync(join(tmpdir(), 'mcp-warden-token-lsp-'));
    client = await TestClient.inProcess(analyzerWith([]), { workspaceFolder: workspace });
  });

  after(async () => {
    await client.dispose();
    rmSync(workspace, { recursive: true, force: true });
  });

  void it('hovers a JWT string literal in code with its header, claims and audit summary', async () => {
    const token = await sign(keys, 'RS256', fresh({ scope: '*' }));
    const text = `const TEST_TOKEN = '${token}';\nconst other = 'eyJ-not-a-token';\n`;
    const uri = pathToUri(join(workspace, 'client.ts'));
    await client.open(uri, 'typescript', text);
    await client.diagnostics(uri);
    const hover = await client.hover(uri, { line: 0, character: 40 });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /\*\*MCP Warden\*\* · Signed JWT \(JWS\) · alg RS256/);
    assert.match(value, /Audit: \*\*1 warning\*\*/);
    assert.match(value, /`broad-scope`/);
    assert.match(value, /"aud": "https:\/\/mcp\.example\.com\/mcp"/);
    assert.deepEqual(hover?.range, { start: { line: 0, character: 20 }, end: { line: 0, character: 20 + token.length } });
    assertNoToken(value, token);
    assert.equal(await client.hover(uri, { line: 1, character: 18 }), null);
    assert.equal(await client.hover(uri, { line: 0, character: 3 }), null);
  });

  void it('hovers a JWT in a document the analyzer does not analyze', async () => {
    const token = unsignedToken('none', fresh());
    const uri = pathToUri(join(workspace, 'requests.http'));
    await client.open(uri, 'plaintext', `GET https://mcp.example.com/mcp\nAuthorization: Bearer ${token}\n`);
    const hover = await client.hover(uri, { line: 1, character: 30 });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /`alg-none`/);
    assertNoToken(value, token);
  });

  void it('answers token requests: decode, audit, verify with a key file text and with a secret', async () => {
    const token = await sign(keys, 'ES256', fresh({ aud: 'https://api.github.com' }));
    const decoded = await request({ token, mode: 'decode' });
    assert.ok(decoded.ok);
    assert.match(decoded.markdown!, /# MCP Warden: Decoded token/);
    assert.doesNotMatch(decoded.markdown!, /## Findings/);
    const audited = await request({ token: `Bearer ${token}`, mode: 'audit', expectedAudience: RESOURCE });
    assert.equal(audited.errors, 1);
    assert.match(audited.markdown!, /⛔ \*\*Error\*\* `audience-other-service`/);
    const verified = await request({ token, mode: 'verify', key: { kind: 'key-text', text: JSON.stringify({ keys: [keys.es256.jwk] }) } });
    assert.equal(verified.verified, true, verified.markdown);
    assert.match(verified.markdown!, /✅ \*\*Signature verified\*\*/);
    const hs = await signHs256(keys, SECRET, fresh());
    const withSecret = await request({ token: hs, mode: 'verify', key: { kind: 'secret', secret: 'wrong-but-long-secret-value-123456789' } });
    assert.equal(withSecret.verified, false);
    assert.match(withSecret.markdown!, /Verification failed/);
    for (const result of [decoded, audited, verified, withSecret]) {
      assertNoToken(JSON.stringify(result), token);
      assertNoToken(JSON.stringify(result), hs);
      assert.ok(!JSON.stringify(result).includes('wrong-but-long-secret'));
    }
  });

  void it('returns one-line errors for bad tokens, bad keys and refused URLs', async () => {
    const token = await sign(keys, 'RS256', fresh());
    const cases: [TokenRequestParams, RegExp][] = [
      [{ token: 'abc.def', mode: 'audit' }, /2 dot-separated parts/],
      [{ token, mode: 'verify' }, /no key given/],
      [{ token, mode: 'verify', key: { kind: 'key-text', text: 'not a key' } }, /not a JWKS/],
      [{ token, mode: 'verify', key: { kind: 'jwks-url', url: 'http://auth.example.com/jwks' } }, /must use https/],
      [{ token, mode: 'verify', key: { kind: 'secret', secret: '' } }, /secret is empty/],
    ];
    for (const [params, expected] of cases) {
      const result = await request(params);
      assert.equal(result.ok, false);
      assert.match(result.error!, expected);
      assertNoToken(result.error!, token);
    }
  });
});
