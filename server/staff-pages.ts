// The staff pages (/staff, /console, /studio, /dashboard, /admin) from one shell: pages/staff-shell.html
// holds what they share (head, header, sign-in form, status line) and pages/<page>.html fills its
// {{slots}}. Joined once when the app is built, so a page missing a slot fails the start, not a request.
import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';

export const PAGES_DIR = path.join(__dirname, 'pages');
const SHELL = 'staff-shell.html';
const MARKER = /<!--\s*slot:\s*([\w-]+)\s*-->/;
const PLACEHOLDER = /\{\{([\w-]+)\}\}/g;
/** Slots the shell fills on its own: the page's name, for its script and stylesheet. */
const BUILT_IN = new Set(['page']);

/** A page file's slots: each `<!-- slot: name -->` marker and the text up to the next one. */
export function parseSlots(source: string): Map<string, string> {
  const [before, ...rest] = source.split(MARKER);
  if (before!.replace(/<!--[\s\S]*?-->/g, '').trim()) throw new Error('staff page: text before the first slot marker');
  const slots = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    const name = rest[i]!;
    if (BUILT_IN.has(name)) throw new Error(`staff page: slot ${name} is the shell's own`);
    if (slots.has(name)) throw new Error(`staff page: slot ${name} is given twice`);
    slots.set(name, rest[i + 1]!.trim());
  }
  return slots;
}

/**
 * The shell with every {{slot}} filled. A placeholder alone on its line takes the slot's lines at
 * its indent (and vanishes when the page leaves it empty); one inside a line takes one line of text.
 */
export function fillShell(shell: string, slots: ReadonlyMap<string, string>): string {
  const used = new Set<string>();
  const value = (name: string) => {
    used.add(name);
    return slots.get(name) ?? '';
  };
  const lines = shell.split('\n').flatMap((line) => {
    const alone = /^(\s*)\{\{([\w-]+)\}\}\s*$/.exec(line);
    if (alone) {
      const text = value(alone[2]!);
      return text ? text.split('\n').map((l) => (l ? alone[1]! + l : l)) : [];
    }
    return [
      line.replace(PLACEHOLDER, (_whole, name: string) => {
        const text = value(name);
        if (text.includes('\n')) throw new Error(`staff page: slot ${name} must be one line where the shell uses it inside a line`);
        return text;
      }),
    ];
  });
  const unknown = [...slots.keys()].filter((name) => !used.has(name));
  if (unknown.length > 0) throw new Error(`staff page: the shell has no slot ${unknown.join(', ')}`);
  return lines.join('\n');
}

/** Every staff page, by name (the file name without .html), joined with the shell. */
export function renderStaffPages(dir = PAGES_DIR): Map<string, string> {
  const shell = fs.readFileSync(path.join(dir, SHELL), 'utf8');
  const pages = new Map<string, string>();
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.html') || file === SHELL) continue;
    const page = path.basename(file, '.html');
    const slots = parseSlots(fs.readFileSync(path.join(dir, file), 'utf8'));
    for (const required of ['title', 'login-title', 'main']) {
      if (!slots.get(required)) throw new Error(`staff page ${file}: the ${required} slot is empty`);
    }
    pages.set(page, fillShell(shell, new Map([...slots, ['page', page]])));
  }
  return pages;
}

/** GET /<page> and /<page>.html for every staff page. */
export function staffPageRoutes(dir = PAGES_DIR): Router {
  const router = Router();
  for (const [page, html] of renderStaffPages(dir)) {
    router.get([`/${page}`, `/${page}.html`], (_req, res) => {
      res.type('html').send(html);
    });
  }
  return router;
}
