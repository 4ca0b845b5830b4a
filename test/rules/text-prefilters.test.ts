import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzerWith } from '../helpers/analyzer';
import { allRules } from '../../server/src/rules';

// Some rules skip a file, or some of their handlers, when its text lacks the words their checks
// need. A fixture holds every case at once, so it would not notice a word missing from such a
// list: here each case is the whole file, and must still be found.
const ALONE: ReadonlyArray<[ruleId: string, path: string, text: string]> = [
  ['no-disabled-tls-verification', 'a.ts', 'https.request(url, { rejectUnauthorized: false });\n'],
  ['no-disabled-tls-verification', 'a.ts', 'request({ url, strictSSL: false });\n'],
  ['no-disabled-tls-verification', 'a.ts', "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n"],
  ['no-disabled-tls-verification', 'a.ts', "spawn('node', ['x.js'], { env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' } });\n"],
  ['no-disabled-tls-verification', 'a.ts', "agent.options.rejectUnauthorized = false;\n"],
  ['no-disabled-tls-verification', 'a.py', 'import requests\nrequests.get(url, verify=False)\n'],
  ['no-disabled-tls-verification', 'a.py', 'import httpx\nhttpx.Client(verify_ssl=False)\n'],
  ['no-disabled-tls-verification', 'a.py', 'import aiohttp\naiohttp.TCPConnector(ssl=False)\n'],
  ['no-disabled-tls-verification', 'a.py', 'import urllib3\nurllib3.PoolManager(cert_reqs="CERT_NONE")\n'],
  ['no-disabled-tls-verification', 'a.py', 'import os\nos.environ.setdefault("PYTHONHTTPSVERIFY", "0")\n'],
  ['no-disabled-tls-verification', 'a.py', 'import os\nos.environ["CURL_CA_BUNDLE"] = ""\n'],
  ['no-disabled-tls-verification', 'a.py', 'import os\nos.putenv("REQUESTS_CA_BUNDLE", "")\n'],
  ['no-disabled-tls-verification', 'a.py', 'import ssl\ncontext = ssl._create_unverified_context()\n'],
  ['no-disabled-tls-verification', 'a.py', 'context.check_hostname = False\n'],
  ['no-disabled-tls-verification', 'a.py', 'context.verify_mode = CERT_NONE\n'],
  ['no-disabled-tls-verification', 'a.py', 'session.verify = False\n'],
  // Escapes spell a word the text itself does not contain.
  ['no-disabled-tls-verification', 'a.ts', 'https.request(url, { "reject\\u0055nauthorized": false });\n'],
  ['no-disabled-tls-verification', 'a.py', 'import os\nos.environ["PYTHON\\x48TTPSVERIFY"] = "0"\n'],
];

void describe('rules that skip files by their text', () => {
  for (const [ruleId, path, text] of ALONE) {
    void it(`${ruleId} finds ${JSON.stringify(text.trim().split('\n').at(-1))} in a file of its own`, async () => {
      const analyzer = await analyzerWith(allRules.filter((rule) => rule.meta.id === ruleId));
      const { findings, notices } = await analyzer.analyze({ path, text }, { ruleCustomizations: [] });
      assert.deepEqual(notices, []);
      assert.deepEqual(findings.map((finding) => finding.ruleId), [ruleId]);
    });
  }
});
