// The standalone app page: the app fills the window; window.forecourt is the running instance.
Forecourt.mount(document.getElementById('forecourt-root'))
  .then((app) => { window.forecourt = app; })
  .catch((err) => {
    const p = document.createElement('p');
    p.className = 'forecourt-error';
    p.textContent = 'Forecourt could not start: ' + (err.message || err);
    document.body.appendChild(p);
  });
