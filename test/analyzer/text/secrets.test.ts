import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findSecrets, isPlaceholder, isSecretName, mayHoldSecret, type SecretMatch } from '../../../server/src/analyzer/text/secrets';

/** A deterministic, random-looking alphanumeric string (no dictionary words, no long runs). */
const POOL = 'q8ZkT3vN7wR2pL5xJ9mC4bH6sD1fG0hYaUeKo';
function body(length: number, offset = 0): string {
  let result = '';
  for (let i = 0; i < length; i++) result += POOL[(offset + i * 7) % POOL.length];
  return result;
}
const HEX = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
function hex(length: number): string {
  return HEX.repeat(Math.ceil(length / HEX.length)).slice(0, length);
}

/** The single secret in `value`, as [kind, the secret text, confidence]. */
function only(value: string, name?: string): [string, string, SecretMatch['confidence']] {
  const matches = findSecrets(value, name);
  assert.equal(matches.length, 1, `expected one secret in ${value}, got ${JSON.stringify(matches)}`);
  const [match] = matches;
  return [match!.kind, value.slice(match!.start, match!.end), match!.confidence];
}

void describe('findSecrets: provider tokens', () => {
  const tokens: Array<[kind: string, token: string]> = [
    ['GitHub token', `ghp_${body(36)}`],
    ['GitHub token', `gho_${body(36, 3)}`],
    ['GitHub token', `ghs_${body(40, 5)}`],
    ['GitHub fine-grained token', `github_pat_11${body(20)}_${body(59, 2)}`],
    ['GitLab token', `glpat-${body(20)}`],
    ['Anthropic API key', `sk-ant-api03-${body(40)}-${body(20, 4)}`],
    ['OpenAI API key', `sk-proj-${body(40)}`],
    ['OpenAI API key', `sk-${body(48)}`],
    ['Stripe key', `sk_live_${body(24)}`],
    ['Stripe key', `rk_test_${body(16)}`],
    ['Slack token', `xoxb-1234567890-${body(24)}`],
    ['Slack webhook URL', `https://hooks.slack.com/services/T0A1B2C3D/B4E5F6G7H/${body(24)}`],
    ['AWS access key ID', 'AKIAZ7Q3W5E1R9T2Y4U6'],
    ['AWS access key ID', 'ASIAZ7Q3W5E1R9T2Y4U6'],
    ['Google API key', `AIza${body(35)}`],
    ['Hugging Face token', `hf_${body(34)}`],
    ['Supabase token', `sbp_${hex(40)}`],
    ['Figma token', `figd_${body(30)}`],
    ['npm token', `npm_${body(36)}`],
    ['Linear API key', `lin_api_${body(40)}`],
    ['Notion token', `secret_${body(43)}`],
    ['Notion token', `ntn_${body(46)}`],
    ['Groq API key', `gsk_${body(52)}`],
    ['SendGrid API key', `SG.${body(22)}.${body(43, 1)}`],
    ['JSON Web Token', `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${body(43)}`],
    ['private key', '-----BEGIN RSA PRIVATE KEY-----'],
    ['private key', '-----BEGIN OPENSSH PRIVATE KEY-----'],
    ['private key', '-----BEGIN PRIVATE KEY-----'],
  ];
  for (const [kind, token] of tokens) {
    void it(`${kind}: ${token.slice(0, 12)}…`, () => {
      assert.deepEqual(findSecrets(token), [{ kind, start: 0, end: token.length, confidence: 'high' }]);
    });
  }

  void it('locates a token inside a longer value', () => {
    const token = `ghp_${body(36)}`;
    const value = `--token=${token} --verbose`;
    assert.deepEqual(findSecrets(value), [{ kind: 'GitHub token', start: 8, end: 8 + token.length, confidence: 'high' }]);
  });

  void it('finds the provider token after an Authorization scheme, without the scheme', () => {
    const token = `ghp_${body(36)}`;
    assert.deepEqual(only(`Bearer ${token}`), ['GitHub token', token, 'high']);
  });

  void it('reports an Anthropic key once, as Anthropic (not also as OpenAI)', () => {
    assert.deepEqual(only(`sk-ant-api03-${body(40)}`)[0], 'Anthropic API key');
  });

  void it('finds several tokens in one value', () => {
    const github = `ghp_${body(36)}`;
    const aws = 'AKIAZ7Q3W5E1R9T2Y4U6';
    const found = findSecrets(`${github} ${aws}`).map((match) => [match.kind, match.start, match.end]);
    assert.deepEqual(found, [
      ['GitHub token', 0, github.length],
      ['AWS access key ID', github.length + 1, github.length + 1 + aws.length],
    ]);
  });

  void it('does not report near misses', () => {
    assert.deepEqual(findSecrets(`ghp_${body(35)}`), [], 'too short');
    assert.deepEqual(findSecrets(`ghx_${body(36)}`), [], 'unknown GitHub prefix');
    assert.deepEqual(findSecrets('-----BEGIN PUBLIC KEY-----'), []);
    assert.deepEqual(findSecrets('AKIA1234'), []);
    assert.deepEqual(findSecrets('https://example.com/path?q=1'), []);
  });
});

void describe('findSecrets: passwords in connection URLs', () => {
  void it('reports exactly the password', () => {
    const value = 'postgres://app:Tr0ub4dor-3@db.internal:5432/app';
    assert.deepEqual(findSecrets(value), [{ kind: 'password in a connection URL', start: 15, end: 26, confidence: 'high' }]);
    assert.deepEqual(only('redis://default:s3cr3tP4ss@cache:6379'), ['password in a connection URL', 's3cr3tP4ss', 'high']);
  });

  void it('does not report URLs without a password or with a placeholder', () => {
    assert.deepEqual(findSecrets('https://user@example.com/repo.git'), []);
    assert.deepEqual(findSecrets('https://example.com:8443/mcp'), []);
    assert.deepEqual(findSecrets('postgres://app:${input:db-password}@replica.internal:5432/app'), []);
    assert.deepEqual(findSecrets('postgres://app:<password>@db:5432/app'), []);
  });

  void it(
    'reports the password range when the password also appears earlier in the URL',
    () => {
      const value = 'postgres://postgres:postgres@localhost:5432/db';
      assert.deepEqual(findSecrets(value), [{ kind: 'password in a connection URL', start: 20, end: 28, confidence: 'high' }]);
      assert.deepEqual(findSecrets('mysql://admin:admin@db'), [{ kind: 'password in a connection URL', start: 14, end: 19, confidence: 'high' }]);
      assert.deepEqual(findSecrets('redis://u:p@h'), [{ kind: 'password in a connection URL', start: 10, end: 11, confidence: 'high' }]);
    },
  );
});

void describe('findSecrets: Authorization values', () => {
  void it('reports a literal Bearer credential without the scheme', () => {
    const value = `Bearer ${HEX}`;
    assert.deepEqual(findSecrets(value), [{ kind: 'Bearer credential', start: 7, end: value.length, confidence: 'high' }]);
  });

  void it('accepts other schemes, in any case', () => {
    assert.deepEqual(only('Basic dXNlcjpwYXNzd29yZA=='), ['Basic credential', 'dXNlcjpwYXNzd29yZA==', 'high']);
    assert.deepEqual(only(`token ${HEX}`), ['token credential', HEX, 'high']);
    assert.deepEqual(only(`Bot ${HEX}`), ['Bot credential', HEX, 'high']);
  });

  void it('ignores placeholders, variables and short or spaced values', () => {
    assert.deepEqual(findSecrets('Bearer ${input:api-token}'), []);
    assert.deepEqual(findSecrets('Bearer ${API_TOKEN}'), []);
    assert.deepEqual(findSecrets('Bearer <your-token-here>'), []);
    assert.deepEqual(findSecrets('Bearer $API_TOKEN'), []);
    assert.deepEqual(findSecrets('Bearer abc123'), [], 'shorter than 8 characters');
    assert.deepEqual(findSecrets('Bearer is the scheme'), []);
  });
});

void describe('findSecrets: placeholders', () => {
  const placeholders = [
    'sk-your-key-here',
    `sk-ant-your-key-here-${'0'.repeat(4)}`,
    'AKIAIOSFODNN7EXAMPLE',
    `ghp_${'x'.repeat(36)}`,
    `ghp_${'X'.repeat(36)}`,
    '<token>',
    '<your-github-token>',
    '${input:github-token}',
    '${env:GITHUB_TOKEN}',
    '{{ secrets.GITHUB_TOKEN }}',
    '$GITHUB_TOKEN',
    '%GITHUB_TOKEN%',
    'sk-proj-...',
    'sk-proj-********************',
    'your_api_key',
    'changeme',
    'replace-with-your-token',
    'REDACTED',
    `ghp_${'12345'.repeat(8).slice(0, 36)}`,
  ];
  for (const placeholder of placeholders) {
    void it(`${placeholder} is a placeholder and is not reported`, () => {
      assert.equal(isPlaceholder(placeholder), true);
      assert.deepEqual(findSecrets(placeholder), []);
      assert.deepEqual(findSecrets(placeholder, 'API_TOKEN'), []);
    });
  }

  void it('real-looking values are not placeholders', () => {
    for (const value of [`ghp_${body(36)}`, 'AKIAZ7Q3W5E1R9T2Y4U6', 'q8ZkT3vN7wR2pL5xJ9mC4bH6', HEX]) assert.equal(isPlaceholder(value), false, value);
  });
});

void describe('findSecrets: secret-sounding names', () => {
  const value = 'q8ZkT3vN7wR2pL5xJ9mC4bH6';

  void it('reports a random-looking value under a secret name with medium confidence', () => {
    for (const name of ['INTERNAL_API_KEY', 'apiKey', 'DB_PASSWORD', 'passwd', 'CLIENT_SECRET', 'ACCESS_TOKEN', 'X-Auth', 'private-key', 'CREDENTIAL']) {
      assert.deepEqual(findSecrets(value, name), [{ kind: 'secret', start: 0, end: value.length, confidence: 'medium' }], name);
    }
  });

  void it('does not report the same value without a name or under a non-secret name', () => {
    assert.deepEqual(findSecrets(value), []);
    for (const name of ['TOKEN_FILE', 'SECRET_PATH', 'AUTH_URL', 'API_KEY_ID', 'TOKEN_TTL', 'PASSWORD_LENGTH', 'AUTH_HEADER', 'GITHUB_TOOLSETS', 'LOG_LEVEL']) {
      assert.deepEqual(findSecrets(value, name), [], name);
    }
  });

  void it('does not report values that do not look random', () => {
    assert.deepEqual(findSecrets('debug', 'API_TOKEN'), [], 'short');
    assert.deepEqual(findSecrets('correct horse battery staple 42', 'PASSWORD'), [], 'has spaces');
    assert.deepEqual(findSecrets('abcdefghijklmnopqrstuvwxyz', 'API_TOKEN'), [], 'no digits');
    assert.deepEqual(findSecrets('1234567890123456789', 'API_TOKEN'), [], 'no letters');
    assert.deepEqual(findSecrets('/run/secrets/api-token-2f8a9c7e1d', 'TOKEN_FILE'), []);
  });

  void it('isSecretName', () => {
    for (const name of ['GITHUB_TOKEN', 'api_key', 'ApiKey', 'password', 'PWD', 'db-pwd', 'AWS_SECRET_ACCESS_KEY', 'Authorization']) assert.equal(isSecretName(name), true, name);
    for (const name of ['TOKEN_FILE', 'GITHUB_HOST', 'USERNAME', 'OAUTH_ISSUER', 'SECRET_DIR', 'TOKEN_EXPIRY', 'LOG_LEVEL', 'PWD_PATH']) assert.equal(isSecretName(name), false, name);
  });
  // findSecrets first checks for any provider's prefix in one scan; every provider must pass it.
  void it('finds every provider kind, inside other text too (the prefix prefilter drops none)', () => {
    const samples: Array<[string, string]> = [
      ['private key', `-----BEGIN OPENSSH ${'PRIVATE KEY'}-----`],
      ['GitHub token', `ghp_${body(36)}`],
      ['GitHub fine-grained token', `github_pat_${body(30)}`],
      ['GitLab token', `glpat-${body(20)}`],
      ['Anthropic API key', `sk-ant-api03-${body(30)}`],
      ['OpenAI API key', `sk-proj-${body(30)}`],
      ['Stripe key', `sk_live_${body(24)}`],
      ['Slack token', `xoxb-${body(20)}`],
      ['Slack webhook URL', `https://hooks.slack.com/services/${body(24)}`],
      ['AWS access key ID', `AKIA${body(16).toUpperCase()}`],
      ['Google API key', `AIza${body(35)}`],
      ['Hugging Face token', `hf_${body(34)}`],
      ['Supabase token', `sbp_${HEX}${HEX.slice(0, 8)}`],
      ['Figma token', `figd_${body(24)}`],
      ['npm token', `npm_${body(36)}`],
      ['Linear API key', `lin_api_${body(40)}`],
      ['Notion token', `ntn_${body(44)}`],
      ['Groq API key', `gsk_${body(50)}`],
      ['SendGrid API key', `SG.${body(22)}.${body(43, 3)}`],
      ['JSON Web Token', `eyJ${body(12)}.eyJ${body(12, 2)}.${body(20, 5)}`],
      ['password in a connection URL', `postgres://app:${body(12)}@db.internal/app`],
    ];
    for (const [kind, secret] of samples) {
      assert.deepEqual(findSecrets(secret).map((match) => match.kind), [kind], secret);
      assert.deepEqual(findSecrets(`value: ${secret} (rotated)`).map((match) => match.kind), [kind], `${secret} in text`);
    }
  });
});

// Code rules skip literals by their source text with mayHoldSecret before decoding them: it must
// keep every literal that holds a reported secret, and drop ordinary prose.
void describe('mayHoldSecret', () => {
  const quoted = (value: string) => [`'${value}'`, `"${value}"`, `\`${value}\``, `"""${value}"""`];

  void it('keeps every literal whose value holds a reported secret', () => {
    const reported: Array<[value: string, name?: string]> = [
      [`ghp_${body(36)}`],
      [`The key is sk-proj-${body(30)} (rotate it)`],
      [`postgres://app:${body(12)}@db.internal/app`],
      [`connect to mysql://root:${body(12)}@db.internal now`],
      [`-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA${body(40)}`],
      [`Bearer ${HEX}`],
      ['Basic dXNlcjpwYXNzd29yZA=='],
      [`token\t${HEX}`],
      [`Bearer ${HEX}${'${'} suffix }`],
      ['q8ZkT3vN7wR2pL5xJ9mC4bH6', 'API_TOKEN'],
    ];
    for (const [value, name] of reported) {
      // An interpolation is not part of a template's static text: the text before it is what is scanned.
      const scanned = value.split('${')[0]!;
      assert.notDeepEqual(findSecrets(scanned, name), [], `the sample ${scanned} must be a finding`);
      for (const literal of quoted(value)) assert.equal(mayHoldSecret(literal), true, literal);
    }
  });

  void it('keeps literals with escapes, whose values can differ from their source', () => {
    assert.equal(mayHoldSecret("'q8ZkT3vN7w\\\nR2pL5xJ9mC4bH6 x'"), true);
    assert.equal(mayHoldSecret('"a\\x20b c"'), true);
  });

  void it('drops prose, messages and commands, which no name makes a secret', () => {
    for (const literal of ["'Reads a file and runs git for item 3.'", '"outside root"', '`git log -n ${count} -- ${name}`', '"""Read a file and run git."""', "'Token is missing'"]) {
      assert.equal(mayHoldSecret(literal), false, literal);
    }
  });
});

