import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { auditToken, canonicalResourceUri, decodeToken, inspectToken, jwtAt, looksLikeJwt, renderHoverMarkdown, renderMarkdown, renderText, reportToJson, type AuditOptions, type TokenAudit } from '../../server/src/token';
import { formatDuration, relativeTime } from '../../server/src/token/time';
import { WEAK_HMAC_SECRETS } from '../../server/src/token/weak-secrets';
import { b64, goodClaims, hmacToken, ISSUER, makeKeys, NOW, NOW_MS, RESOURCE, sign, signHs256, unsignedToken, type KeyPairs } from './helpers';

let keys: KeyPairs;
before(async () => {
  keys = await makeKeys();
});

function audit(token: string, options: Partial<AuditOptions> = {}): TokenAudit {
  const decoded = decodeToken(token);
  assert.ok(decoded.ok, decoded.ok ? '' : decoded.error);
  return auditToken(decoded.token, { now: NOW_MS, ...options });
}

function ids(result: TokenAudit): string[] {
  return result.findings.map((finding) => finding.id).sort();
}

function decodeError(text: string, label = ''): string {
  const result = decodeToken(text);
  assert.equal(result.ok, false, `decoded: ${label}`);
  return result.ok ? '' : result.error;
}

void describe('decodeToken', () => {
  void it('decodes a signed JWT: header, claims, signature size', async () => {
    const token = await sign(keys, 'RS256');
    const result = decodeToken(token);
    assert.ok(result.ok);
    assert.equal(result.token.kind, 'jws');
    assert.equal(result.token.header.alg, 'RS256');
    if (result.token.kind === 'jws') {
      assert.equal(result.token.claims.aud, RESOURCE);
      assert.equal(result.token.signatureBytes, 256);
    }
  });

  void it('strips Bearer, Authorization: and quotes around a pasted token', async () => {
    const token = await sign(keys, 'ES256');
    for (const text of [`Bearer ${token}`, `Authorization: Bearer ${token}`, `  "${token}"\n`, `'${token}'`]) assert.ok(decodeToken(text).ok, text.slice(0, 20));
  });

  void it('recognises a JWE (5 parts) and reads only its header', async () => {
    const jwe = await new keys.jose.EncryptJWT(goodClaims()).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(new Uint8Array(32).fill(7));
    const result = decodeToken(jwe);
    assert.ok(result.ok);
    assert.equal(result.token.kind, 'jwe');
    assert.equal(result.token.header.enc, 'A256GCM');
    assert.deepEqual(ids(auditToken(result.token, { now: NOW_MS })), ['encrypted-token']);
  });

  void it('gives one-line errors for bad input, never quoting the input', async () => {
    const token = await sign(keys, 'RS256');
    const [h, p, s] = token.split('.') as [string, string, string];
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['hello world', /whitespace/],
      ['not-a-token', /no dots/],
      [`${h}.${p}`, /2 dot-separated parts/],
      [`${h}.${p}.${s}.x`, /4 dot-separated parts/],
      [`${h}.${p}+x.${s}`, /part 2 \(payload\) is not base64url: it contains '\+'/],
      [`${h}=.${p}.${s}`, /part 1 \(header\) has '=' padding/],
      [`${h}.${p}.${s}${'A'.repeat((5 - (s.length % 4)) % 4)}`, /part 3 \(signature\) is not base64url: its length/],
      [`${b64('plain text')}.${p}.${s}`, /part 1 \(header\) is not JSON/],
      [`${b64('[1,2]')}.${p}.${s}`, /header\) is JSON but not an object/],
      [`${h}.${b64('just bytes')}.${s}`, /part 2 \(payload\) is not JSON/],
      [`${h}..${s}`, /detached-content/],
      [`${b64(Buffer.from([0xff, 0xfe, 0x7b]).toString('latin1'))}.${p}.${s}`, /not JSON|not UTF-8/],
      [`${h}.${'A'.repeat(70 * 1024)}.${s}`, /larger than the 64 KB limit/],
    ];
    for (const [text, expected] of cases) {
      const error = decodeError(text, String(expected));
      assert.match(error, expected, `${error} for case ${expected}`);
      assert.ok(!error.includes('\n'), 'one line');
      for (const part of [h, p, s]) assert.ok(!error.includes(part), 'error quotes the token');
    }
  });

  void it('finds JWT-looking strings in text and decides whether a text is one', async () => {
    const token = await sign(keys, 'EdDSA');
    const line = `const headers = { Authorization: "Bearer ${token}" };`;
    const offset = line.indexOf(token) + 10;
    assert.deepEqual(jwtAt(line, offset)?.text, token);
    assert.equal(jwtAt(line, 3), undefined);
    assert.ok(looksLikeJwt(`Bearer ${token}`));
    assert.ok(!looksLikeJwt('eyJhbGciOi just words'));
    assert.ok(!looksLikeJwt(`x${token}`));
  });
});

void describe('auditToken', () => {
  void it('finds nothing to report on a well-formed, short-lived, audience-bound RS256 / ES256 / EdDSA token', async () => {
    for (const alg of ['RS256', 'ES256', 'EdDSA'] as const) {
      assert.deepEqual(ids(audit(await sign(keys, alg), { expectedAudience: RESOURCE, expectedIssuer: ISSUER })), [], alg);
    }
  });

  void it('flags alg none in any casing and an empty signature', async () => {
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) assert.deepEqual(ids(audit(unsignedToken(alg))), ['alg-none'], alg);
    const token = await sign(keys, 'RS256');
    const stripped = token.slice(0, token.lastIndexOf('.') + 1);
    assert.deepEqual(ids(audit(stripped)), ['empty-signature']);
  });

  void it('flags missing exp, aud and iss', () => {
    const { exp: _exp, aud: _aud, iss: _iss, ...rest } = goodClaims();
    assert.deepEqual(ids(audit(hmacToken({ alg: 'HS256' }, rest, 'a-strong-random-secret-of-sufficient-length-123'))), ['hmac-algorithm', 'missing-aud', 'missing-exp', 'missing-iss']);
  });

  void it('flags expired, not-yet-valid and future-issued tokens with ISO and relative times', async () => {
    const expired = audit(await sign(keys, 'ES256', goodClaims({ iat: NOW - 4 * 3600, exp: NOW - 3 * 3600 })));
    assert.deepEqual(ids(expired), ['expired']);
    assert.match(expired.findings[0]!.message, /^Expired 3 h ago \(exp 2026-01-15T09:00:00Z\)\.$/);
    const early = audit(await sign(keys, 'ES256', goodClaims({ nbf: NOW + 600, iat: NOW + 600, exp: NOW + 1200 })));
    assert.deepEqual(ids(early), ['issued-in-future', 'not-yet-valid']);
    assert.match(early.findings.find((finding) => finding.id === 'not-yet-valid')!.message, /in 10 min/);
    // Within the 30 s clock tolerance: silent.
    assert.deepEqual(ids(audit(await sign(keys, 'ES256', goodClaims({ iat: NOW + 10 })))), []);
  });

  void it('flags a lifetime over the limit (configurable), or a long remaining validity without iat', async () => {
    const day = audit(await sign(keys, 'RS256', goodClaims({ iat: NOW - 60, exp: NOW + 86400 })));
    assert.deepEqual(ids(day), ['long-lifetime']);
    assert.match(day.findings[0]!.message, /Lives 24 h \(exp − iat\), longer than the 60 min limit/);
    assert.deepEqual(ids(audit(await sign(keys, 'RS256', goodClaims({ iat: NOW - 60, exp: NOW + 86400 })), { maxLifetimeSeconds: 2 * 86400 })), []);
    const { iat: _iat, ...noIat } = goodClaims({ exp: NOW + 30 * 86400 });
    assert.deepEqual(ids(audit(await sign(keys, 'RS256', noIat))), ['long-lifetime']);
  });

  void it('compares aud with the expected resource in RFC 8707 canonical form', async () => {
    const token = await sign(keys, 'RS256', goodClaims({ aud: 'HTTPS://MCP.Example.com:443/mcp/' }));
    assert.deepEqual(ids(audit(token, { expectedAudience: RESOURCE })), []);
    const other = audit(await sign(keys, 'RS256', goodClaims({ aud: 'https://mcp.example.com/other' })), { expectedAudience: RESOURCE });
    assert.deepEqual(ids(other), ['audience-mismatch']);
    assert.match(other.findings[0]!.message, /not this server's canonical URI "https:\/\/mcp\.example\.com\/mcp"/);
    assert.deepEqual(ids(audit(await sign(keys, 'RS256', goodClaims({ aud: [RESOURCE, 'https://mcp.example.com/admin'] })), { expectedAudience: RESOURCE })), ['multiple-audiences']);
  });

  void it('calls out an aud that names a different service (token passthrough)', async () => {
    const github = await sign(keys, 'RS256', goodClaims({ aud: 'https://api.github.com' }));
    const withExpected = audit(github, { expectedAudience: RESOURCE });
    assert.deepEqual(ids(withExpected), ['audience-other-service']);
    assert.equal(withExpected.findings[0]!.severity, 'error');
    assert.match(withExpected.findings[0]!.message, /a token for GitHub/);
    const without = audit(github);
    assert.deepEqual(ids(without), ['audience-other-service']);
    assert.equal(without.findings[0]!.severity, 'warning');
    assert.deepEqual(ids(audit(await sign(keys, 'RS256', goodClaims({ aud: 'https://tools.other.example/mcp' })), { expectedAudience: RESOURCE })), ['audience-other-service']);
    assert.deepEqual(ids(audit(await sign(keys, 'RS256', goodClaims({ aud: '00000003-0000-0000-c000-000000000000' })))), ['audience-other-service']);
    assert.deepEqual(ids(audit(await sign(keys, 'RS256', goodClaims({ aud: 'my-api' })))), []);
  });

  void it('flags an issuer mismatch, noting a trailing-slash-only difference', async () => {
    const token = await sign(keys, 'RS256', goodClaims({ iss: `${ISSUER}/` }));
    const result = audit(token, { expectedIssuer: ISSUER });
    assert.deepEqual(ids(result), ['issuer-mismatch']);
    assert.match(result.findings[0]!.message, /trailing slash/);
    assert.deepEqual(ids(audit(await sign(keys, 'RS256'), { expectedIssuer: ISSUER })), []);
  });

  void it('flags wildcard and omnibus scopes in scope, scp and scopes', async () => {
    for (const claims of [{ scope: 'files:read *' }, { scope: 'all' }, { scope: 'admin' }, { scp: ['*:*'] }, { scp: 'repo:* read' }, { scopes: ['root'] }, { scope: 'https://graph.microsoft.com/.default' }, { scope: 'full_access' }]) {
      assert.deepEqual(ids(audit(await sign(keys, 'ES256', goodClaims(claims)))), ['broad-scope'], JSON.stringify(claims));
    }
    for (const claims of [{ scope: 'files:read files:write' }, { scp: ['mail.read', 'admin.read'] }, { scope: 'allow-list:read' }]) {
      assert.deepEqual(ids(audit(await sign(keys, 'ES256', goodClaims(claims)))), [], JSON.stringify(claims));
    }
  });

  void it('flags kid injection shapes and key-carrying headers', async () => {
    for (const kid of ['../../../../dev/null', '/dev/null', "x' UNION SELECT '1';--", 'x UNION ALL SELECT 1', 'key|sleep 10', '$(curl evil)', 'a;b']) {
      assert.deepEqual(ids(audit(hmacToken({ alg: 'HS256', kid }, goodClaims(), 'long-random-secret-value-0123456789abcdef'))), ['hmac-algorithm', 'kid-injection'], kid);
    }
    // Near misses: the words out of order, or inside other words.
    for (const kid of ['rsa-1', '2024-01-15', 'https://vault.example.net/keys/signing/abc123', 'a1b2c3d4==', 'select-then-union', 'reunion-selection']) {
      assert.deepEqual(ids(audit(await sign(keys, 'RS256', goodClaims(), { kid }))), [], kid);
    }
    assert.deepEqual(ids(audit(await sign(keys, 'RS256', goodClaims(), { jku: 'https://evil.example/jwks.json' }))), ['remote-key-header']);
    assert.deepEqual(ids(audit(await sign(keys, 'RS256', goodClaims(), { x5u: 'https://evil.example/cert.pem' }))), ['remote-key-header']);
    assert.deepEqual(ids(audit(await sign(keys, 'RS256', goodClaims(), { jwk: keys.rs256.jwk }))), ['embedded-key-header']);
    // A DPoP proof carries its jwk by design.
    assert.deepEqual(ids(audit(await sign(keys, 'ES256', goodClaims(), { typ: 'dpop+jwt', jwk: keys.es256.jwk }))), []);
  });

  void it('finds HS256 tokens signed with a common secret, without naming the secret', async () => {
    for (const secret of ['secret', 'your-256-bit-secret', 'keyboard cat', '']) {
      const result = audit(hmacToken({ alg: 'HS256', typ: 'JWT' }, goodClaims(), secret));
      assert.deepEqual(ids(result), ['weak-hmac-secret'], JSON.stringify(secret));
      if (secret.length > 6) assert.ok(!JSON.stringify(result).includes(secret));
    }
    assert.ok(WEAK_HMAC_SECRETS.length >= 50);
    const strong = audit(await signHs256(keys, 'k7Qp2vX9rT4mZ8wL1sN6yB3cF5hJ0dGaE'));
    assert.deepEqual(ids(strong), ['hmac-algorithm']);
    assert.equal(strong.findings[0]!.severity, 'info');
  });

  void it('notes personal data in claims (names of claims only)', async () => {
    const result = audit(await sign(keys, 'RS256', goodClaims({ email: 'ada@example.com', phone_number: '+1 555 0100', sub: 'ada@example.com' })));
    assert.deepEqual(ids(result), ['pii-claim']);
    assert.equal(result.findings[0]!.severity, 'info');
    assert.match(result.findings[0]!.message, /sub, email, phone_number/);
    assert.ok(!result.findings[0]!.message.includes('ada@'));
  });

  void it('flags unknown algorithms and non-numeric times without crashing', () => {
    assert.deepEqual(ids(audit(hmacToken({ alg: 'XS999' }, goodClaims(), 'x'))), ['unknown-alg']);
    assert.deepEqual(ids(audit(hmacToken({ typ: 'JWT' }, goodClaims(), 'x'))), ['unknown-alg']);
    assert.deepEqual(ids(audit(hmacToken({ alg: 'RS256' }, goodClaims({ exp: 'tomorrow' }), 'x'))), ['invalid-claim']);
  });
});

void describe('rendering', () => {
  void it('renders markdown, hover, text and JSON without the token', async () => {
    const token = await sign(keys, 'RS256', goodClaims({ aud: 'https://api.github.com', exp: NOW - 3 * 3600, iat: NOW - 4 * 3600, note: '`**[x](javascript:alert(1))**`' }));
    const inspected = inspectToken(`Bearer ${token}`, { now: NOW_MS, expectedAudience: RESOURCE });
    assert.ok(inspected.ok);
    const outputs = [renderMarkdown(inspected.report, 'Audit'), renderHoverMarkdown(inspected.report), renderText(inspected.report), renderText(inspected.report, true), JSON.stringify(reportToJson(inspected.report))];
    for (const output of outputs) {
      for (const part of token.split('.')) assert.ok(!output.includes(part), 'output contains the token');
    }
    const [markdown, hover] = outputs as [string, string];
    assert.match(markdown, /⛔ \*\*Error\*\* `expired`/);
    assert.match(markdown, /\| `exp` \| 2026-01-15T09:00:00Z \| 3 h ago \|/);
    assert.match(markdown, /\(https:\/\/modelcontextprotocol\.io\/specification\/2025-11-25\/basic\/security_best_practices#token-passthrough\)/);
    assert.match(hover, /Audit: \*\*2 errors\*\*/);
    const json = reportToJson(inspected.report) as { summary: { errors: number }; times: { exp: { iso: string } } };
    assert.equal(json.summary.errors, 2);
    assert.equal(json.times.exp.iso, '2026-01-15T09:00:00Z');
  });

  void it('formats durations and relative times', () => {
    assert.equal(formatDuration(45), '45 s');
    assert.equal(formatDuration(12 * 60), '12 min');
    assert.equal(formatDuration(3 * 3600), '3 h');
    assert.equal(formatDuration(5400), '1.5 h');
    assert.equal(formatDuration(5 * 86400), '5 d');
    assert.equal(relativeTime(NOW - 3 * 3600, NOW), '3 h ago');
    assert.equal(relativeTime(NOW + 600, NOW), 'in 10 min');
    assert.equal(canonicalResourceUri('HTTPS://Example.COM:443/mcp/#frag'), 'https://example.com/mcp');
    assert.equal(canonicalResourceUri('not a url'), undefined);
  });
});
