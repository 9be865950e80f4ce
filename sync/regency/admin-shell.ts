// The frame of the regency's administration pages (decision 0028): the kiosk's design system
// (renderer/ui/ui.css, read as a file and inlined: the same tokens and `ui-` classes as every
// kiosk screen, no second stylesheet to keep in step), a green header with who is signed in,
// and the menu of the pages. No script; every text escaped.
import { readFileSync } from 'node:fs';
import { escapeHtml as e } from './dashboard-page';

export const ADMIN_PATH = '/_balai/admin';

/** The pages, in menu order: path below ADMIN_PATH and label. */
export const ADMIN_PAGES = [
  ['', 'Desa dan kios'],
  ['/surat', 'Redaksi surat'],
  ['/perencanaan', 'Perencanaan'],
  ['/referensi', 'Data referensi dan kop'],
] as const;
export type AdminPage = (typeof ADMIN_PAGES)[number][0];

const DESIGN_SYSTEM = readFileSync(new URL('../../renderer/ui/ui.css', import.meta.url), 'utf8');

const SHELL = `html { font-size: 18px; }
body { margin: 0; font-family: system-ui, sans-serif; background: var(--c-bg); color: var(--c-ink); }
.adm-head { background: var(--c-primary); color: var(--c-on-primary); padding: var(--s-2) var(--s-5);
  display: flex; justify-content: space-between; align-items: baseline; gap: var(--s-4); }
.adm-head strong { font-size: var(--t-lg); }
.adm-nav { display: flex; gap: var(--s-1); padding: 0 var(--s-5); background: var(--c-subtle);
  border-bottom: 1px solid var(--c-border); }
.adm-nav a { padding: var(--s-2) var(--s-3); color: var(--c-ink); text-decoration: none; }
.adm-nav a[aria-current=page] { font-weight: 600; border-bottom: 3px solid var(--c-primary); }
main { padding: var(--s-4) var(--s-5); max-width: 84rem; }
.adm-kiosk { display: flex; flex-wrap: wrap; gap: var(--s-1); align-items: center; margin: 2px 0; }
.adm-kiosk form { display: inline; margin: 0; }
.adm-off { color: var(--c-danger); }
.adm-cols { display: grid; grid-template-columns: minmax(22rem, 1fr) minmax(24rem, 1.15fr); gap: var(--s-4); align-items: start; }
.adm-preview { width: 100%; height: 40rem; border: 1px solid var(--c-border-strong); background: #888; }
.adm-small { font-size: var(--t-sm); color: var(--c-muted); }
textarea { width: 100%; }
.adm-wide { max-width: none; }`;

export function adminPage(opts: {
  title: string;
  officer: string;
  regencyName: string;
  active: AdminPage;
  body: string;
}): string {
  const nav = ADMIN_PAGES.map(
    ([path, label]) =>
      `<a href="${ADMIN_PATH}${path}"${path === opts.active ? ' aria-current="page"' : ''}>${e(label)}</a>`,
  ).join('');
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(opts.title)} — Administrasi Balai</title>
<style>${DESIGN_SYSTEM}
${SHELL}</style>
</head>
<body>
<header class="adm-head"><strong>Administrasi Balai · ${e(opts.regencyName)}</strong>
<span>masuk sebagai <strong>${e(opts.officer)}</strong></span></header>
<nav class="adm-nav" aria-label="Halaman administrasi">${nav}</nav>
<main>
${opts.body}
</main>
</body>
</html>
`;
}

/** A message bar of the design system. */
export function messageHtml(message: { ok: boolean; text: string } | undefined): string {
  if (!message) return '';
  return message.ok
    ? `<p class="ui-message ui-message--success" role="status">${e(message.text)}</p>`
    : `<p class="ui-message ui-message--error" role="alert">${e(message.text)}</p>`;
}
