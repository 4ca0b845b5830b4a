import https from 'node:https';
import { spawn } from 'node:child_process';

// ruleid: no-disabled-tls-verification
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

function insecureAgent() {
  return new https.Agent({
    keepAlive: true,
    // ruleid: no-disabled-tls-verification
    rejectUnauthorized: false, // self-signed upstream
  });
}

// ruleid: no-disabled-tls-verification
const inline = new https.Agent({ keepAlive: true, rejectUnauthorized: false });

// ruleid: no-disabled-tls-verification
const first = { rejectUnauthorized: false, timeout: 5000 };

const options: { rejectUnauthorized?: boolean } = {};
// ruleid: no-disabled-tls-verification
options.rejectUnauthorized = false;

// ruleid: no-disabled-tls-verification
process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0;

spawn('node', ['upstream.js'], {
  // ruleid: no-disabled-tls-verification
  env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' },
});

// ruleid: no-disabled-tls-verification
const legacyRequest = { url: 'https://api.example.com', strictSSL: false };

// ok: no-disabled-tls-verification
const verified = new https.Agent({ rejectUnauthorized: true });

// ok: no-disabled-tls-verification
const productionOnly = { rejectUnauthorized: process.env.NODE_ENV === 'production' };

// ok: no-disabled-tls-verification
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';

// ok: no-disabled-tls-verification
if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') console.error('TLS verification is off');

// ok: no-disabled-tls-verification
const documentation = 'never set rejectUnauthorized: false in production';

// ok: no-disabled-tls-verification
const unrelated = { reject: false, unauthorized: false };

export { insecureAgent, inline, first, verified, productionOnly, documentation, unrelated, legacyRequest };
