// The layout walker's data and measurements. The data: the run's demo flights with two long passenger names, PINs
// for a crew member and a pilot, a sale whose files are made (so its QR code can be shown) and a flight not yet
// filmed, prepared once per run and copied for each walk. The measurements: what a kiosk screen must never do,
// measured in the page as the crew sees it; each returns plain sentences naming the element and the numbers, so
// one run lists every fault.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { chromium, expect, type Locator, type Page } from '@playwright/test';
import { demoDataDir, demoSeedDir, signInAsManager, startOwnHost } from './support';

export const CREW = { name: 'Tom Reyes', pin: '1357' };
export const PILOT = { name: 'Capt. Jo Whitaker', pin: '9753' };
/** Long but ordinary names, so titles, rows and receipts meet what couples' names really look like. */
export const LONG_UNSOLD = 'Mia and Leonardo Castellanos-Whitfield';
export const LONG_SOLD = 'Anna-Katharina & Benedikt Keller-Hohenberg';

/** The flights the walk opens. */
export interface WalkFlights {
  /** Filmed and unsold, with a long name, the crew member's and the pilot's: review, edit and checkout. */
  longUnsold: string;
  /** The demo's sale (sold by the crew member), its video and photos made: the receipt and its QR code. */
  saleId: string;
  /** Checked in for the crew member and the pilot, not filmed yet: the filming screen. */
  unfilmed: string;
}

/** Beside the run's demo flights, removed with them by the global teardown. */
export const layoutSeedDir = (): string => `${demoSeedDir()}-layout`;

/**
 * A data folder of the caller's own holding the walk's flights. Making the sale's video takes a minute or two, so
 * it happens once per run; a walk that fails (and restarts its worker) only copies the folder again.
 */
export async function layoutDataDir(prefix: string): Promise<{ dataDir: string; flights: WalkFlights }> {
  const seed = layoutSeedDir();
  const ready = path.join(seed, 'layout-ready.json');
  if (!existsSync(ready)) {
    rmSync(seed, { recursive: true, force: true });
    const made = await demoDataDir('magnum-layout-seed-');
    try {
      const flights = await prepareWalk(made);
      cpSync(made, seed, { recursive: true });
      writeFileSync(ready, JSON.stringify(flights));
    } finally {
      rmSync(made, { recursive: true, force: true });
    }
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(seed, dataDir, { recursive: true, filter: (source) => source !== ready });
  return { dataDir, flights: JSON.parse(readFileSync(ready, 'utf8')) as WalkFlights };
}

/** Renames and assigns two demo flights before any kiosk reads them, then does the rest through a kiosk. */
async function prepareWalk(dataDir: string): Promise<WalkFlights> {
  const db = new Sqlite(path.join(dataDir, 'magnum.db'));
  try {
    const rename = db.prepare('UPDATE flight_recordings SET passenger_names = ? WHERE passenger_names = ?');
    expect(rename.run(LONG_UNSOLD, 'Sofia Martínez & Diego Ruiz').changes).toBe(1);
    expect(rename.run(LONG_SOLD, 'Anna & Ben Keller').changes).toBe(1);
    // The crew member and the pilot signed in by the walk see these flights and the sale as theirs.
    const idOf = (name: string) =>
      (db.prepare('SELECT id FROM users WHERE name = ?').get(name) as { id: string } | undefined)?.id;
    const [crew, pilot] = [idOf(CREW.name), idOf(PILOT.name)];
    expect(crew && pilot, 'the demo has its crew member and pilot').toBeTruthy();
    const assign = db.prepare(
      'UPDATE flight_recordings SET staff_member = ?, pilot_id = ? WHERE passenger_names IN (?, ?)',
    );
    expect(assign.run(crew, pilot, LONG_UNSOLD, LONG_SOLD).changes).toBe(2);
    const sellBy = db.prepare(
      'UPDATE sales SET staff_member = ? WHERE recording_id IN (SELECT id FROM flight_recordings WHERE passenger_names = ?)',
    );
    expect(sellBy.run(crew, LONG_SOLD).changes).toBe(1);
  } finally {
    db.close();
  }

  const host = await startOwnHost(dataDir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    await signInAsManager(page, host.url);
    const found = await page.evaluate(
      async ({ crew, pilot, longUnsold, longSold }) => {
        const people = await window.magnum.users.list({});
        if (!people.ok) return people.error.message;
        const idOf = (name: string) => people.value.find((person) => person.name === name)?.id;
        for (const person of [crew, pilot]) {
          const id = idOf(person.name);
          if (!id) return `no ${person.name} in the demo`;
          const reset = await window.magnum.users.resetPin({ id, pin: person.pin });
          if (!reset.ok) return reset.error.message;
        }
        const list = await window.magnum.recordings.list({});
        const sales = await window.magnum.sales.list({});
        if (!list.ok || !sales.ok) return 'the flights or sales could not be read';
        const unsold = list.value.items.find((item) => item.passengerNames === longUnsold);
        const sale = sales.value.items.find((item) => item.passengerNames === longSold);
        if (!unsold || !sale) return 'the renamed demo flights are missing';
        for (const kind of ['video', 'photos'] as const) {
          const queued = await window.magnum.exports.queue({ recordingId: sale.recordingId, kind });
          if (!queued.ok) return queued.error.message;
        }
        const checkedIn = await window.magnum.recordings.checkIn({
          passengerNames: longUnsold,
          flightAt: new Date().toISOString(),
          staffMemberId: idOf(crew.name),
          pilotId: idOf(pilot.name),
        });
        if (!checkedIn.ok) return checkedIn.error.message;
        return {
          longUnsold: unsold.id,
          saleId: sale.id,
          unfilmed: checkedIn.value.id,
          soldFlight: sale.recordingId,
        };
      },
      { crew: CREW, pilot: PILOT, longUnsold: LONG_UNSOLD, longSold: LONG_SOLD },
    );
    if (typeof found === 'string') throw new Error(`the walk cannot be prepared: ${found}`);
    // The sale's files, so the receipt offers a QR code (two cores: a few minutes at worst).
    await expect
      .poll(
        () =>
          page.evaluate(async (recordingId) => {
            const jobs = await window.magnum.exports.list({ recordingId });
            return jobs.ok ? jobs.value.map((job) => `${job.kind} ${job.status}`).sort() : [];
          }, found.soldFlight),
        { timeout: 480_000, intervals: [2_000] },
      )
      .toEqual(['photos completed', 'video completed']);
    const { soldFlight: _made, ...flights } = found;
    return flights;
  } finally {
    await browser.close();
    await host.kill();
  }
}

/** The smallest box a gloved finger hits reliably, in CSS pixels. */
export const MIN_TARGET_PX = 48;

/**
 * Every element that makes the page or a non-scrolling box wider than its space, every text that is cut (clipped
 * by a box with overflow hidden, or ellipsized), and every control smaller than a fingertip.
 *
 * Left out, on purpose: what is not seen (hidden, or 1 px screen-reader text); text a box lets the crew scroll to;
 * a field's own text (a long address scrolls inside its input); fixed parts such as the docked keyboard, which
 * belong to the window, not to the box they sit in; pictures and videos as boxes (their frames are not text); and
 * a link inside running text, the one target allowed to be smaller (there is none today). No text is exempt from
 * being cut: every screen shows its text whole.
 */
export async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ minTarget }) => {
      const faults: string[] = [];
      const px = (n: number) => `${Math.round(n)} px`;

      /** `button "Save settings"` or `p.lead "Then film the…"`: enough to find the element in the source. */
      const name = (el: Element): string => {
        const classes = Array.from(el.classList)
          .slice(0, 3)
          .map((c) => `.${c}`)
          .join('');
        const label = el.getAttribute('aria-label');
        const text = (label ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
        const shown = text.length > 40 ? `${text.slice(0, 39)}…` : text;
        return `${el.tagName.toLowerCase()}${classes}${shown ? ` "${shown}"` : ''}`;
      };

      /** Screen-reader-only text and closed parts are not seen, so they cannot overflow or be cut. */
      const seen = (el: Element): boolean => {
        if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: false })) return false;
        const box = el.getBoundingClientRect();
        return box.width > 1 && box.height > 1;
      };

      const scrolls = (value: string) => value === 'auto' || value === 'scroll';
      const clips = (value: string) => value === 'hidden' || value === 'clip';

      const root = document.documentElement;
      if (root.scrollWidth > root.clientWidth + 1) {
        faults.push(
          `the page scrolls sideways: ${px(root.scrollWidth)} of content in a ${px(root.clientWidth)} window`,
        );
      }

      // Text: each run of text against every box around it that clips it without letting the crew scroll to it.
      const cut = new Set<Element>();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const owner = node.parentElement;
        if (!owner || !seen(owner)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const text = range.getBoundingClientRect();
        if (text.width === 0 && text.height === 0) continue;
        for (let box: Element | null = owner; box && box !== document.body; box = box.parentElement) {
          const style = getComputedStyle(box);
          const inner = box.getBoundingClientRect();
          const left = inner.left + box.clientLeft;
          const top = inner.top + box.clientTop;
          const right = left + box.clientWidth;
          const bottom = top + box.clientHeight;
          const sideways = Math.max(left - text.left, text.right - right);
          const downwards = Math.max(top - text.top, text.bottom - bottom);
          const clipsX = clips(style.overflowX) && !scrolls(style.overflowX);
          const clipsY = clips(style.overflowY) && !scrolls(style.overflowY);
          if ((clipsX && sideways > 1) || (clipsY && downwards > 1)) {
            if (!cut.has(box)) {
              cut.add(box);
              const by = clipsX && sideways > 1 ? `${px(sideways)} wide` : `${px(downwards)} high`;
              faults.push(`text cut: ${name(box)} hides ${by} of "${node.textContent.trim().slice(0, 40)}"`);
            }
            break;
          }
          if (scrolls(style.overflowX) || scrolls(style.overflowY)) break;
        }
      }

      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        if (!(el instanceof HTMLElement) || !seen(el)) continue;
        const style = getComputedStyle(el);
        if (style.display === 'inline' || style.display === 'contents') continue;
        // Ellipsis: the browser paints "…" over text that does not fit.
        if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && !cut.has(el)) {
          cut.add(el);
          faults.push(
            `text cut with "…": ${name(el)} needs ${px(el.scrollWidth)}, has ${px(el.clientWidth)}`,
          );
        }
        // Boxes sticking out of a box that neither clips nor scrolls them: the screen grows a stray edge.
        if (clips(style.overflowX) || scrolls(style.overflowX)) continue;
        if (['INPUT', 'TEXTAREA', 'SELECT', 'VIDEO', 'CANVAS', 'IMG', 'svg'].includes(el.tagName)) continue;
        const inner = el.getBoundingClientRect();
        const left = inner.left + el.clientLeft;
        const right = left + el.clientWidth;
        for (const child of Array.from(el.children)) {
          if (!seen(child)) continue;
          const childStyle = getComputedStyle(child);
          if (childStyle.position === 'fixed') continue;
          const box = child.getBoundingClientRect();
          const out = Math.max(left - box.left, box.right - right);
          if (out > 1) {
            faults.push(
              `overflow: ${name(child)} sticks out of ${name(el)} by ${px(out)} (${px(box.width)} in ${px(el.clientWidth)})`,
            );
          }
        }
      }

      // Touch targets: everything a finger is meant to hit. A link inside running text is exempt (none today).
      const targets = document.body.querySelectorAll(
        'button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="tab"], ' +
          '[role="radio"], [role="checkbox"], [role="switch"], [role="option"], [role="menuitem"], ' +
          '[role="slider"], .hg-button',
      );
      // Keys of one keyboard row come out alike: one line per size, naming each control of that size.
      const small = new Map<string, string[]>();
      for (const el of Array.from(targets)) {
        // A native box or radio drawn by its label is hit through the label.
        const hit =
          el instanceof HTMLInputElement && ['checkbox', 'radio'].includes(el.type) && el.labels?.[0]
            ? el.labels[0]
            : el;
        if (!seen(hit)) continue;
        if (el.tagName === 'A' && getComputedStyle(el).display === 'inline' && el.closest('p')) continue;
        const box = hit.getBoundingClientRect();
        if (box.width < minTarget - 0.5 || box.height < minTarget - 0.5) {
          const size = `${px(box.width)} × ${px(box.height)}`;
          small.set(size, [...(small.get(size) ?? []), name(el)]);
        }
      }
      for (const [size, names] of small) {
        faults.push(`small target${names.length > 1 ? 's' : ''} ${size}: ${names.join(', ')}`);
      }
      return faults;
    },
    { minTarget: MIN_TARGET_PX },
  );
}

/**
 * A part that must be on screen as it stands, without scrolling, and not under anything (the on-screen keyboard,
 * a dialog, a bar): the screen's main action, the open keyboard, the field typed into. Empty when it is.
 */
export async function inViewFaults(action: Locator, what: string): Promise<string[]> {
  const count = await action.count();
  if (count !== 1) return [`${what}: ${count === 0 ? 'not on the screen' : `${count} found`}`];
  const place = await action.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const inView =
      box.top >= -1 &&
      box.left >= -1 &&
      box.bottom <= window.innerHeight + 1 &&
      box.right <= window.innerWidth + 1;
    const top = inView ? document.elementFromPoint(x, y) : null;
    return {
      top: Math.round(box.top),
      bottom: Math.round(box.bottom),
      left: Math.round(box.left),
      right: Math.round(box.right),
      width: window.innerWidth,
      height: window.innerHeight,
      inView,
      covered: inView && top !== null && top !== el && !el.contains(top),
      coveredBy: top ? `${top.tagName.toLowerCase()}.${Array.from(top.classList).join('.')}` : '',
    };
  });
  if (!place.inView) {
    return [
      `${what} is out of view: at ${place.left}–${place.right} × ${place.top}–${place.bottom} px ` +
        `in a ${place.width} × ${place.height} window`,
    ];
  }
  if (place.covered) return [`${what} is covered by ${place.coveredBy}`];
  return [];
}
