import express from 'express';
import { minimatch } from 'minimatch';
import { mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';

interface RegisteredClient {
  client_id: string;
  redirect_uris: string[];
  redirectUri: string;
  allowedRedirectPattern: string;
}

const app = express();
declare function getClient(id: string): RegisteredClient;

app.get('/authorize', (req, res) => {
  const client = getClient(String(req.query.client_id));
  const redirectUri = String(req.query.redirect_uri);

  // ruleid: require-exact-redirect-uri
  if (redirectUri !== client.redirectUri) return res.status(400).send('invalid redirect_uri');

  // ruleid: require-exact-redirect-uri
  if (!client.redirect_uris.some((registered) => redirectUri === registered)) return res.status(400).end();

  // ruleid: require-exact-redirect-uri
  const sameHost = redirectUri.endsWith('.example.com/callback');

  // ruleid: require-exact-redirect-uri
  if (redirectUri.includes('app.example.com')) console.error('known client');

  // ruleid: require-exact-redirect-uri
  if (redirectUri.indexOf(client.redirectUri) !== -1) console.error('prefix');

  // ruleid: require-exact-redirect-uri
  if (/^https:\/\/.*\.example\.com\/callback$/.test(redirectUri)) console.error('pattern');

  // ruleid: require-exact-redirect-uri
  if (new RegExp(client.allowedRedirectPattern).test(redirectUri)) console.error('pattern');

  // ruleid: require-exact-redirect-uri
  if (redirectUri.match(/example\.com/)) console.error('match');

  // ruleid: require-exact-redirect-uri
  if (minimatch(redirectUri, 'https://*.example.com/**')) console.error('glob');

  // ruleid: require-exact-redirect-uri
  if (client.redirect_uris.some((u) => u === req.query.redirect_uri as string)) console.error('containment');

  res.json({ sameHost });
});

app.get('/authorize-exact', (req, res) => {
  const client = getClient(String(req.query.client_id));
  const redirect_uri = String(req.query.redirect_uri);
  // ok: require-exact-redirect-uri
  if (!client.redirect_uris.includes(redirect_uri)) return res.status(400).send('invalid redirect_uri');
  // ok: require-exact-redirect-uri
  if (client.redirect_uris.indexOf(redirect_uri) === -1) return res.status(400).end();
  // ok: require-exact-redirect-uri
  if (!client.redirect_uris.some((registered) => registered === redirect_uri)) return res.status(400).end();
  // ok: require-exact-redirect-uri
  if (redirect_uri !== client.redirectUri) return res.status(400).end();
  // Form checks, not matching: scheme, loopback, fragment.
  // ok: require-exact-redirect-uri
  if (!redirect_uri.startsWith('https://') && !redirect_uri.startsWith('http://localhost')) return res.status(400).end();
  // ok: require-exact-redirect-uri
  if (redirect_uri.includes('#')) return res.status(400).send('fragment not allowed');
  // An anchored pattern without metacharacters is an exact match.
  // ok: require-exact-redirect-uri
  if (!/^https:\/\/app\.example\.com\/callback$/.test(redirect_uri)) return res.status(400).end();
  res.redirect(`${redirect_uri}?code=abc`);
});

// Unrelated prefix checks.
app.use((req, _res, next) => {
  // ok: require-exact-redirect-uri
  if (req.path.startsWith('/callback')) console.error('callback route');
  // ok: require-exact-redirect-uri
  const apiUrl = 'https://api.example.com/v1'.startsWith(String(req.headers.host));
  next(apiUrl);
});

// ok: require-exact-redirect-uri
const allowedRedirectUris = ['https://app.example.com/callback'].filter((uri) => uri.startsWith('https://'));

export const router = mcpAuthRouter;
export { allowedRedirectUris };
