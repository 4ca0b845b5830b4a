import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../server/src/cli/run-cli';
import { runTokenCommand, type TokenCliIo } from '../../server/src/cli/token-command';
import { goodClaims, hmacToken, ISSUER, makeKeys, NOW, NOW_MS, RESOURCE, sign, signHs256, unsignedToken, type KeyPairs } from './helpers';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const SECRET = 'k7Qp2vX9rT4mZ8wL1sN6yB3cF5hJ0dGaE';
let keys: KeyPairs;
let directory: string;
let server: Server;
let jwksUrl: string;
/** Every token a test handed to the CLI: none may appear in any output. */
const seen: string[] = [];

async function token(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const run = { stdout: '', stderr: '' };
  const io: TokenCliIo = {
    stdout: (text) => (run.stdout += text),
    stderr: (text) => (run.stderr += text),
    cwd: directory,
    color: false,
    now: () => NOW_MS,
    env: options.env ?? {},
    readStdin: () => Promise.resolve(options.stdin ?? ''),
  };
  const code = await runTokenCommand(args, io);
  for (const value of [options.stdin, ...args]) if (value && value.includes('eyJ')) seen.push(value.trim().replace(/^Bearer\s+/i, ''));
  for (const value of seen) {
    for (const part of value.split('.').filter((piece) => piece.length >= 8)) {
      assert.ok(!run.stdout.includes(part) && !run.stderr.includes(part), `the token appears in the output: ${part.slice(0, 30)}`);
    }
  }
  assert.ok(!run.stdout.includes(SECRET) && !run.stderr.includes(SECRET), 'the secret appears in the output');
  return { code, ...run };
}

before(async () => {
  keys = await makeKeys();
  directory = mkdtempSync(join(tmpdir(), 'mcp-warden-token-'));
  const jwks = JSON.stringify({ keys: [keys.rs256.jwk, keys.es256.jwk, keys.eddsa.jwk] });
  writeFileSync(join(directory, 'jwks.json'), jwks);
  writeFileSync(join(directory, 'es256.pem'), keys.es256.spki);
  writeFileSync(join(directory, 'eddsa.jwk'), JSON.stringify(keys.eddsa.jwk));
  server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
});

after(async () => {
  rmSync(directory, { recursive: true, force: true });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

void describe('mcp-warden token', () => {
  void it('decodes and audits a token from stdin: exit 0, header and claims shown, token not', async () => {
    const jwt = await sign(keys, 'RS256');
    const run = await token(['-', '--audience', RESOURCE, '--issuer', ISSUER], { stdin: `Bearer ${jwt}\n` });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Signed JWT \(JWS\) · alg RS256 · kid "rsa-1" · typ JWT · signature 256 bytes/);
    assert.match(run.stdout, /Claims\n {2}\{\n {4}"iss": "https:\/\/auth\.example\.com"/);
    assert.match(run.stdout, /exp {2}2026-01-15T12:30:00Z \(in 30 min\)/);
    assert.match(run.stdout, /Findings: no findings/);
    assert.equal(run.stderr, '');
  });

  void it('exits 1 when the audit finds errors, listing them with why and a reference', async () => {
    const run = await token(['-'], { stdin: unsignedToken('None') });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /error {4}alg-none: alg is "None"/);
    assert.match(run.stdout, /why: /);
    assert.match(run.stdout, /see: https:\/\/www\.rfc-editor\.org\/rfc\/rfc8725#section-3\.1/);
    const warningsOnly = await token(['-'], { stdin: await sign(keys, 'ES256', goodClaims({ scope: '*' })) });
    assert.equal(warningsOnly.code, 0);
    assert.match(warningsOnly.stdout, /warning {2}broad-scope/);
  });

  void it('prints JSON with --format json', async () => {
    const run = await token(['-', '--format', 'json', '--audience', RESOURCE], { stdin: await sign(keys, 'ES256', goodClaims({ aud: 'https://api.github.com', exp: NOW - 60 })) });
    assert.equal(run.code, 1);
    const json = JSON.parse(run.stdout) as { kind: string; claims: { aud: string }; summary: { errors: number }; findings: { id: string }[]; times: Record<string, { iso: string }> };
    assert.equal(json.kind, 'jws');
    assert.equal(json.claims.aud, 'https://api.github.com');
    assert.deepEqual(json.findings.map((finding) => finding.id).sort(), ['audience-other-service', 'expired']);
    assert.equal(json.summary.errors, 2);
    assert.equal(json.times.exp?.iso, '2026-01-15T11:59:00Z');
  });

  void it('warns that a token on the command line lands in shell history', async () => {
    const run = await token([await sign(keys, 'EdDSA')]);
    assert.equal(run.code, 0);
    assert.match(run.stderr, /shell history/);
  });

  void it('verifies with a local JWKS file, a PEM key, a JWK file and a secret from the environment', async () => {
    const ok = await token(['-', '--jwks', 'jwks.json', '--audience', RESOURCE, '--issuer', ISSUER], { stdin: await sign(keys, 'RS256') });
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /Signature: verified with JWKS \(3 keys\) \(alg RS256, kid "rsa-1"\)/);
    assert.equal((await token(['-', '--key', 'es256.pem'], { stdin: await sign(keys, 'ES256') })).code, 0);
    assert.equal((await token(['-', '--key', 'eddsa.jwk'], { stdin: await sign(keys, 'EdDSA') })).code, 0);
    const hs = await token(['-', '--secret-env', 'MCP_JWT_SECRET', '--format', 'json'], { stdin: await signHs256(keys, SECRET), env: { MCP_JWT_SECRET: SECRET } });
    assert.equal(hs.code, 0, hs.stdout);
    assert.equal((JSON.parse(hs.stdout) as { verification: { ok: boolean } }).verification.ok, true);
  });

  void it('exits 1 when verification fails, with the reason', async () => {
    const forged = await token(['-', '--jwks', 'jwks.json'], { stdin: await sign(keys, 'RS256', goodClaims(), {}, keys.other.privateKey) });
    assert.equal(forged.code, 1);
    assert.match(forged.stdout, /Signature: NOT verified with JWKS \(3 keys\): signature verification failed/);
    const wrongSecret = await token(['-', '--secret-env', 'S'], { stdin: await signHs256(keys, 'another-long-secret-value-0123456789'), env: { S: SECRET } });
    assert.equal(wrongSecret.code, 1);
    const wrongAudience = await token(['-', '--jwks', 'jwks.json', '--audience', 'https://other.example/mcp'], { stdin: await sign(keys, 'ES256') });
    assert.equal(wrongAudience.code, 1);
    assert.match(wrongAudience.stdout, /audience-mismatch|audience-other-service/);
    assert.match(wrongAudience.stdout, /claim check failed/);
  });

  void it('verifies against a JWKS URL (served on 127.0.0.1) and refuses plain http elsewhere', async () => {
    const run = await token(['-', '--jwks', jwksUrl, '--audience', RESOURCE], { stdin: await sign(keys, 'ES256') });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /verified with JWKS at http:\/\/127\.0\.0\.1:\d+\/jwks\.json/);
    const refused = await token(['-', '--jwks', 'http://auth.example.com/jwks.json'], { stdin: await sign(keys, 'ES256') });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /must use https/);
    assert.equal(refused.stdout, '');
  });

  void it('exits 2 with a one-line error for undecodable tokens and usage errors', async () => {
    const jwt = await sign(keys, 'RS256');
    const cases: [string[], string | undefined, RegExp][] = [
      [['-'], jwt.split('.').slice(0, 2).join('.'), /2 dot-separated parts/],
      [['-'], jwt.replace('.', '.+'), /not base64url/],
      [['-'], `${Buffer.from('nope').toString('base64url')}.${jwt.split('.')[1]}.${jwt.split('.')[2]}`, /header\) is not JSON/],
      [['-'], 'x'.repeat(70 * 1024), /64 KB/],
      [['-'], '', /empty/],
      [[], undefined, /missing token/],
      [['-', '-'], undefined, /expected one token/],
      [['-', '--format', 'sarif'], jwt, /--format must be one of text, json/],
      [['-', '--bogus'], jwt, /Unknown option '--bogus'/],
      [['-', '--jwks', 'jwks.json', '--key', 'es256.pem'], jwt, /one key source/],
      [['-', '--secret-env', 'UNSET'], jwt, /UNSET is not set/],
      [['-', '--key', 'nope.pem'], jwt, /cannot read nope\.pem \(ENOENT\)/],
      [['-', '--max-lifetime', 'soon'], jwt, /--max-lifetime/],
    ];
    for (const [args, stdin, expected] of cases) {
      const run = await token(args, stdin === undefined ? {} : { stdin });
      assert.equal(run.code, 2, `${String(expected)}: ${run.stderr}`);
      assert.match(run.stderr, expected);
      assert.equal(run.stderr.trim().split('\n')[0]!.startsWith('mcp-warden token: '), true);
    }
  });

  void it('reports a JWE without failing', async () => {
    const jwe = await new keys.jose.EncryptJWT(goodClaims()).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(new Uint8Array(32));
    const run = await token(['-'], { stdin: jwe });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Encrypted token \(JWE\) · alg dir · enc A256GCM/);
    assert.match(run.stdout, /info {5}encrypted-token/);
  });

  void it('prints help', async () => {
    const run = await token(['--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Usage: mcp-warden token <jwt \| ->/);
    assert.match(run.stdout, /--secret-env/);
  });

  void it('checks the weak-secret list offline through the CLI too', async () => {
    const run = await token(['-', '--format', 'json'], { stdin: hmacToken({ alg: 'HS256', typ: 'JWT' }, goodClaims(), 'changeme') });
    assert.equal(run.code, 1);
    assert.ok(run.stdout.includes('"weak-hmac-secret"'));
    assert.ok(!run.stdout.includes('changeme'));
  });
});

void describe('mcp-warden token via runCli', () => {
  void it('is dispatched by the main CLI, with its own options', async () => {
    let stdout = '';
    let stderr = '';
    const now = Math.floor(Date.now() / 1000);
    const jwt = await sign(keys, 'RS256', goodClaims({ iat: now - 60, exp: now + 1800 }));
    const code = await runCli(['token', jwt, '--audience', RESOURCE, '--format', 'json'], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: directory, color: false });
    assert.equal(code, 0, stderr);
    assert.equal((JSON.parse(stdout) as { kind: string }).kind, 'jws');
    for (const part of jwt.split('.')) assert.ok(!stdout.includes(part) && !stderr.includes(part));
    let help = '';
    assert.equal(await runCli(['--help'], { stdout: (text) => (help += text), stderr: () => undefined, cwd: directory, color: false }), 0);
    assert.match(help, /token <jwt \| ->/);
  });
});
