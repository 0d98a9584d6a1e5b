// The gate demo: a school's form whose photo field is guarded by photogate/gate. It uses the
// package's public API only; the form posts to the dev server's test endpoint (scripts/serve.mjs),
// which only records what it received. `?mode=warn|off` and `?lang=en` try the other settings.
import { attachGate } from './pkg/gate.js';

const params = new URLSearchParams(location.search);
const mode = ['block', 'warn', 'off'].includes(params.get('mode')) ? params.get('mode') : 'block';
const lang = params.get('lang') === 'en' ? 'en' : 'zh';
const photo = document.getElementById('photo');

attachGate(photo, {
  mode,
  lang,
  profile: 'chsi-nanjing',
  nameFrom: document.getElementById('id-number'),
  container: document.getElementById('photo-check'),
});

for (const link of document.querySelectorAll('.modes a')) {
  const current = link.dataset.mode ? link.dataset.mode === mode && lang === 'zh' : link.dataset.lang === lang;
  if (current) link.setAttribute('aria-current', 'page');
}

// The events, as a framework's form would listen to them.
const log = document.getElementById('events');
function note(text) {
  const line = document.createElement('li');
  line.textContent = text;
  log.append(line);
}
photo.addEventListener('photogate:report', ({ detail }) =>
  note(`photogate:report — ${detail.file?.name ?? ''}: ${detail.report.verdict}${detail.fixed ? ' (fixed)' : ''}, blocked: ${detail.blocked}`));
photo.addEventListener('photogate:fixed', ({ detail }) =>
  note(`photogate:fixed — ${detail.file.name}, ${detail.file.size} bytes, ${detail.report.file.width_px}×${detail.report.file.height_px}`));
photo.addEventListener('photogate:blocked', ({ detail }) => note(`photogate:blocked — ${detail.message}`));
photo.addEventListener('photogate:error', ({ detail }) => note(`photogate:error — ${detail.error.code}: ${detail.error.message}`));

document.body.dataset.ready = 'true';
