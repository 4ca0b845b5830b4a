import express from 'express';
import session from 'express-session';
import cookieSession from 'cookie-session';
import cookie from 'cookie';
import { randomUUID } from 'node:crypto';

const app = express();
const SESSION_COOKIE = 'mcp_session';

app.use(
  session({
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
    // ruleid: require-secure-cookie
    cookie: { maxAge: 3_600_000, secure: true },
  }),
);

// ruleid: require-secure-cookie
app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: true, httpOnly: true } }));

// ruleid: require-secure-cookie
app.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY!], httpOnly: true }));

app.post('/consent', (req, res) => {
  const clientId = String(req.body.client_id);
  // ruleid: require-secure-cookie
  res.cookie('mcp_consent', clientId, { httpOnly: true, secure: true, sameSite: 'lax', signed: true });
  // ruleid: require-secure-cookie
  res.cookie('__Host-mcp_consent', clientId, { httpOnly: true, secure: true, sameSite: 'lax' });
  res.redirect('/authorize');
});

app.get('/login', (req, res) => {
  const sessionId = randomUUID();
  // ruleid: require-secure-cookie
  res.cookie(SESSION_COOKIE, sessionId, { httpOnly: true, secure: true, sameSite: 'lax' });
  // ruleid: require-secure-cookie
  res.cookie('oauth_state', randomUUID(), {
    maxAge: 600_000,
    secure: true,
    httpOnly: true,
    sameSite: 'lax',
  });
  // ruleid: require-secure-cookie
  res.cookie('access_token', sessionId, { httpOnly: true, secure: true, sameSite: 'lax' });
  // ruleid: require-secure-cookie
  res.setHeader('Set-Cookie', `sid=${sessionId}; Path=/; HttpOnly; Secure; SameSite=Lax`);
  // ruleid: require-secure-cookie
  res.setHeader('Set-Cookie', cookie.serialize('auth_token', sessionId, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' }));
  res.json({ ok: true });
});

// Near misses: secure cookies, harmless cookies, clearing.
app.get('/prefs', (req, res) => {
  // ok: require-secure-cookie
  res.cookie('theme', 'dark');
  // ok: require-secure-cookie
  res.cookie('locale', req.query.lang as string, { maxAge: 86_400_000 });
  // ok: require-secure-cookie
  res.cookie('cookie_consent', 'accepted');
  // ok: require-secure-cookie
  res.clearCookie('session');
  // ok: require-secure-cookie
  res.cookie('__Host-consent', 'client-a', { httpOnly: true, secure: true, sameSite: 'lax', signed: true });
  // ok: require-secure-cookie
  res.cookie('session', randomUUID(), { httpOnly: true, secure: true, sameSite: 'strict' });
  // ok: require-secure-cookie
  res.cookie('session', randomUUID(), { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' });
  // ok: require-secure-cookie
  res.cookie('session', randomUUID(), cookieOptions());
  // ok: require-secure-cookie
  res.cookie('session', randomUUID(), { ...baseCookieOptions, maxAge: 1000 });
  // ok: require-secure-cookie
  res.setHeader('Set-Cookie', 'sid=abc; Path=/; HttpOnly; Secure; SameSite=Lax');
  // ok: require-secure-cookie
  res.setHeader('Cache-Control', 'no-store');
  // ok: require-secure-cookie
  res.setHeader('Set-Cookie', 'lang=en; Path=/');
  res.end();
});

// ok: require-secure-cookie
app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: true, sameSite: 'lax' } }));
// ok: require-secure-cookie
app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: 'auto' } }));
// ok: require-secure-cookie
app.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY!] }));

const baseCookieOptions = { httpOnly: true, secure: true, sameSite: 'lax' as const };
function cookieOptions() {
  return baseCookieOptions;
}

export { app };
