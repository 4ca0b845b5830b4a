import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { auditToken, decodeToken, inspectToken, jwtAt, looksLikeJwt, MAX_TOKEN_BYTES, renderHoverMarkdown, renderMarkdown, renderText, reportToJson, tokenSummaryLine } from '../../server/src/token';
import { check } from './fuzz-support';

/**
 * Pasted tokens: random segments, bad base64url, padding, wrong part counts, odd JSON, huge
 * inputs. Decoding, auditing and rendering never throw, and no message repeats the token.
 */

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

const claimValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1e21, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 1_700_000_000, 4_102_444_800),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('https://mcp.example.com', 'https://mcp.example.com/', 'none', 'HS256', 'read write admin', ''),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer()), { maxLength: 4 }),
  fc.constant(null),
  fc.boolean(),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

const header = fc.record(
  {
    alg: fc.oneof(fc.constantFrom('none', 'None', 'HS256', 'RS256', 'ES256', 'EdDSA', 'dir', 'RSA-OAEP', ''), claimValue),
    typ: fc.oneof(fc.constantFrom('JWT', 'at+jwt', 'JWE'), claimValue),
    kid: claimValue,
    enc: fc.oneof(fc.constantFrom('A256GCM', 'A128CBC-HS256'), claimValue),
    jku: fc.oneof(fc.webUrl(), claimValue),
    crit: claimValue,
  },
  { requiredKeys: [] },
);

const claims = fc.record(
  {
    iss: claimValue,
    sub: claimValue,
    aud: claimValue,
    exp: claimValue,
    nbf: claimValue,
    iat: claimValue,
    auth_time: claimValue,
    scope: claimValue,
    scp: claimValue,
    azp: claimValue,
    client_id: claimValue,
    resource: claimValue,
  },
  { requiredKeys: [] },
);

/** A part: base64url of JSON, of random text, or not base64url at all. */
const part = (json: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 4, arbitrary: json.map((value) => b64(JSON.stringify(value))) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map(b64) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: json.map((value) => `${Buffer.from(JSON.stringify(value)).toString('base64')}==`) },
    { weight: 1, arbitrary: fc.constantFrom('', 'e', 'eyJ', 'a'.repeat(5), '_-_-', 'bnVsbA', 'W10', 'MQ', 'IiI') },
  );

const compact = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(part(header), part(claims), part(fc.string({ maxLength: 20 }))).map((parts) => parts.join('.')) },
  { weight: 1, arbitrary: fc.tuple(part(header), part(fc.string()), part(fc.string()), part(fc.string()), part(fc.string())).map((parts) => parts.join('.')) },
  { weight: 1, arbitrary: fc.array(part(claims), { minLength: 0, maxLength: 7 }).map((parts) => parts.join('.')) },
);

/** What gets pasted around a token: Bearer, quotes, whitespace, an Authorization header. */
const pasted = fc
  .tuple(compact, fc.constantFrom('', 'Bearer ', 'bearer  ', 'Authorization: Bearer ', 'JWT ', '"', "'", '`', ' \n'), fc.constantFrom('', '"', "'", '\n', ' x'))
  .map(([token, before, after]) => `${before}${token}${after}`);

const huge = fc.tuple(fc.integer({ min: MAX_TOKEN_BYTES - 8, max: MAX_TOKEN_BYTES + 8 }), fc.constantFrom('a', '.', 'eyJ', '=')).map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const options = fc.record({
  now: fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constant(Date.now())),
  expectedAudience: fc.option(fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })), { nil: undefined }),
  expectedIssuer: fc.option(fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })), { nil: undefined }),
  maxLifetimeSeconds: fc.option(fc.oneof(fc.integer({ min: -10, max: 10_000_000 }), fc.constant(Number.NaN)), { nil: undefined }),
  clockToleranceSeconds: fc.option(fc.integer({ min: -10, max: 1000 }), { nil: undefined }),
});

void describe('fuzz: tokens', () => {
  void it('decodes, audits and renders any pasted text without throwing or echoing the token', async () => {
    await check(
      'tokens',
      fc.tuple(fc.oneof({ weight: 8, arbitrary: pasted }, { weight: 1, arbitrary: huge }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) }), options),
      ([text, audit]) => {
        looksLikeJwt(text);
        jwtAt(text, Math.floor(text.length / 2));
        const decoded = decodeToken(text);
        if (!decoded.ok) {
          assert.equal(typeof decoded.error, 'string');
          const trimmed = text.trim();
          if (trimmed.length >= 24) assert.ok(!decoded.error.includes(trimmed), `the error repeats the token: ${decoded.error}`);
          return;
        }
        tokenSummaryLine(decoded.token);
        const result = auditToken(decoded.token, audit);
        assert.equal(result.findings.length, result.errors + result.warnings + result.infos);
        const inspected = inspectToken(text, audit);
        assert.ok(inspected.ok);
        const outputs = [renderMarkdown(inspected.report), renderHoverMarkdown(inspected.report), renderText(inspected.report), renderText(inspected.report, true), JSON.stringify(reportToJson(inspected.report))];
        // Signed tokens keep their signature out of every rendering.
        const signature = decoded.token.kind === 'jws' ? text.trim().split('.')[2] : undefined;
        if (signature && signature.length >= 16) for (const output of outputs) assert.ok(!output.includes(signature), 'a rendering contains the signature');
      },
      400,
    );
  });
});
