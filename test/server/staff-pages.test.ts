// The five staff pages come from one shell (server/pages/staff-shell.html): each has the shared
// header and sign-in form once, its own title, script and stylesheet, and its own slots; a page
// file that names a slot the shell lacks, or leaves out a required one, fails the start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { fillShell, parseSlots, renderStaffPages, staffPageRoutes, PAGES_DIR } from '../../server/staff-pages';
import { STAFF_PAGES } from '../../ui/shared/staff-header';

const pages = renderStaffPages();
const count = (html: string, needle: string) => html.split(needle).length - 1;

test('every page of the staff header is rendered from the shell, with its own title, assets and slots', () => {
  expect([...pages.keys()].sort()).toEqual(STAFF_PAGES.map((p) => p.id).sort());
  for (const [page, html] of pages) {
    const title = /<title>(.+)<\/title>/.exec(html)?.[1];
    expect({ page, title: title?.startsWith('소통 ') }).toEqual({ page, title: true });
    expect(html).toContain(`<h1 data-i18n="title">${title}</h1>`);
    expect(html).toContain(`<link rel="stylesheet" href="assets/${page}-style.css" />`);
    expect(html).toContain(`<script src="assets/${page}.js" defer></script>`);
    for (const shared of [
      'id="staff-nav"',
      'id="user-name"',
      'id="lang-toggle"',
      'id="sign-out"',
      'id="login-form"',
      'id="login-email"',
      'id="status"',
      '<main',
    ]) {
      expect({ page, shared, times: count(html, shared) }).toEqual({ page, shared, times: 1 });
    }
    expect(html).not.toMatch(/\{\{|<!-- slot/);
    // The page's own part sits after the sign-in form, before the status line.
    expect(html.indexOf('id="login-form"')).toBeLessThan(html.indexOf('<main'));
    expect(html.indexOf('</main>')).toBeLessThan(html.indexOf('id="status"'));
  }
  // Slots only some pages fill land in their places in the header.
  const consolePage = pages.get('console')!;
  expect(consolePage.indexOf('id="stream-state"')).toBeLessThan(consolePage.indexOf('id="user-name"'));
  expect(consolePage.indexOf('id="shortcuts-button"')).toBeGreaterThan(consolePage.indexOf('id="user-name"'));
  expect(consolePage.indexOf('id="shortcuts-dialog"')).toBeGreaterThan(consolePage.indexOf('id="status"'));
  const studio = pages.get('studio')!;
  expect(studio.indexOf('class="page-nav"')).toBeLessThan(studio.indexOf('id="staff-nav"'));
  expect(pages.get('staff')).not.toContain('shortcuts-button');
});

test('a slot fills its placeholder at its indent; an empty one leaves no line', () => {
  const shell = '<title>{{title}}</title>\n  <div>\n    {{body}}\n    {{extra}}\n  </div>';
  expect(fillShell(shell, parseSlots('<!-- about -->\n<!-- slot: title -->\nT\n<!-- slot: body -->\n<p>\n  x\n</p>\n'))).toBe(
    '<title>T</title>\n  <div>\n    <p>\n      x\n    </p>\n  </div>',
  );
});

test('a page file with an unknown, repeated, missing or misplaced slot is refused', () => {
  expect(() => fillShell('{{a}}', parseSlots('<!-- slot: a -->x<!-- slot: b -->y'))).toThrow('the shell has no slot b');
  expect(() => parseSlots('<!-- slot: a -->x<!-- slot: a -->y')).toThrow('slot a is given twice');
  expect(() => parseSlots('<!-- slot: page -->x')).toThrow("slot page is the shell's own");
  expect(() => parseSlots('<p>stray</p><!-- slot: a -->x')).toThrow('text before the first slot marker');
  expect(() => fillShell('<title>{{a}}</title>', parseSlots('<!-- slot: a -->\nx\ny'))).toThrow('must be one line');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-pages-'));
  try {
    fs.copyFileSync(path.join(PAGES_DIR, 'staff-shell.html'), path.join(dir, 'staff-shell.html'));
    fs.writeFileSync(path.join(dir, 'broken.html'), '<!-- slot: title -->\nBroken\n<!-- slot: main -->\n<main></main>\n');
    expect(() => renderStaffPages(dir)).toThrow('staff page broken.html: the login-title slot is empty');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('each page answers at /<page> and /<page>.html as HTML', async () => {
  const app = express().use(staffPageRoutes());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (const page of pages.keys()) {
      for (const address of [`/${page}`, `/${page}.html`]) {
        const response = await fetch(url + address);
        expect({ address, status: response.status, type: response.headers.get('content-type') }).toEqual({
          address,
          status: 200,
          type: 'text/html; charset=utf-8',
        });
        expect(await response.text()).toBe(pages.get(page));
      }
    }
    expect((await fetch(`${url}/staff-shell.html`)).status).toBe(404);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
