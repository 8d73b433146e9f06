// The standalone app page: the app fills the window; window.forecourt is the running instance.
// The service worker keeps the app shell, so a returning user opens the app with no network.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js').catch((e) => console.warn('Forecourt: no offline shell', e));
}
Forecourt.mount(document.getElementById('forecourt-root'))
  .then((app) => { window.forecourt = app; })
  .catch((err) => {
    const p = document.createElement('p');
    p.className = 'forecourt-error';
    p.textContent = 'Forecourt could not start: ' + (err.message || err);
    document.body.appendChild(p);
  });
