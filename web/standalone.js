// The standalone app page: the app fills the window; window.forecourt is the running instance.
// The service worker keeps the app shell, so a returning user opens the app with no network.
//
// A salesperson signs in once (tenant, user, password); the session is kept on the device so
// the app opens with the network off, from the data kept in IndexedDB (web/sync.js). When the
// server refuses the token (expired, revoked), the sign-in form comes back and syncing resumes
// with the new token; nothing waiting to sync is lost meanwhile. `?demo` shows the server's
// demo snapshot without signing in.
'use strict';
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js').catch((e) => console.warn('Forecourt: no offline shell', e));
}

const SESSION_KEY = 'forecourt-session';

function savedSession() {
  try { return JSON.parse(localStorage.getItem(SESSION_KEY)); } catch (e) { return null; }
}

// The sign-in form; resolves with the session once the server accepted the password.
function signIn(previous, reason) {
  return new Promise((resolve) => {
    const form = document.createElement('form');
    form.className = 'forecourt-sign-in';
    form.setAttribute('aria-label', 'Sign in to Forecourt');
    form.innerHTML = `
      <h1>Sign in to Forecourt</h1>
      <p class="reason"></p>
      <label>Tenant <input name="tenant" autocomplete="organization" required></label>
      <label>User <input name="user" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">Sign in</button>
      <p class="error" role="alert"></p>`;
    form.querySelector('.reason').textContent = reason || '';
    if (previous) {
      form.tenant.value = previous.tenant;
      form.user.value = previous.user.id;
      form.tenant.readOnly = form.user.readOnly = true;  // the data on this device is theirs
    }
    const error = form.querySelector('.error');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      try {
        const res = await fetch('api/v1/auth/login', {
          method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ tenant: form.tenant.value.trim(), user: form.user.value.trim(), password: form.password.value }),
        });
        const body = await res.json().catch(() => ({}));
        if (!res.ok) {
          error.textContent = res.status === 401 ? 'Wrong tenant, user or password.'
            : (body.error && body.error.message) || `The server answered ${res.status}.`;
          return;
        }
        const session = { tenant: body.tenant, user: body.user, token: body.token, expires_at: body.expires_at };
        localStorage.setItem(SESSION_KEY, JSON.stringify(session));
        form.remove();
        resolve(session);
      } catch (err) {
        error.textContent = 'The server cannot be reached. Check the network and try again.';
      }
    });
    document.body.appendChild(form);
    form.tenant.readOnly ? form.password.focus() : form.tenant.focus();
  });
}

function showError(err) {
  const p = document.createElement('p');
  p.className = 'forecourt-error';
  p.textContent = 'Forecourt could not start: ' + (err.message || err);
  document.body.appendChild(p);
}

async function start() {
  const root = document.getElementById('forecourt-root');
  const params = new URLSearchParams(location.search);
  const renderer = params.get('renderer') || undefined;  // 'webgl2' or 'cpu' forces one
  if (params.has('demo')) {
    window.forecourt = await Forecourt.mount(root, { renderer });
    return;
  }
  let session = savedSession() || await signIn(null, '');
  let renewing = null;
  window.forecourt = await Forecourt.mount(root, {
    sync: true, tenant: session.tenant, user: session.user.id, renderer,
    getToken: async ({ refresh }) => {
      if (refresh) {
        renewing = renewing || signIn(session, 'Your session has ended. Sign in again to keep syncing.')
          .then((s) => { session = s; renewing = null; return s; });
        await renewing;
      }
      return session.token;
    },
  });
}

start().catch(showError);
