import { Hono } from 'hono';
import { setCookie, deleteCookie } from 'hono/cookie';

const app = new Hono();

app.get('/callback', (c) => {
  const state = c.req.query('state') ?? '';
  // ruleid: require-secure-cookie
  setCookie(c, 'oauth_state', state, { path: '/', maxAge: 600, httpOnly: true, secure: true, sameSite: 'Lax' });
  // ok: require-secure-cookie
  setCookie(c, '__Host-session', crypto.randomUUID(), { path: '/', httpOnly: true, secure: true, sameSite: 'Lax' });
  // ok: require-secure-cookie
  deleteCookie(c, 'oauth_state');
  // ok: require-secure-cookie
  return new Response('ok', { headers: { 'Set-Cookie': '__Host-consent=client-a; Path=/; Secure; HttpOnly; SameSite=Lax' } });
});

app.get('/legacy', () => {
  // ruleid: require-secure-cookie
  return new Response('ok', { headers: { 'Set-Cookie': 'consent=client-a; Path=/; HttpOnly; Secure; SameSite=Lax' } });
});

export default app;
