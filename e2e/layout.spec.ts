// The layout walker: every screen of the kiosk, as the manager, a crew member and a pilot see it, at 1280×800
// and 1920×1080, on demo flights with footage, a sale and a receipt (two of them renamed to long but ordinary
// passenger names). Each screen, also with its on-screen keyboard or dialog open, fails on a page or box wider
// than its space, cut text, a control smaller than a fingertip, and a main action that is not in view; every
// fault of a screen is listed at once, naming the element and the numbers.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  dismissNotices,
  signInAsManager,
  startOwnHost,
  tapPin,
  useMovingFakeCameras,
  MANAGER,
  type OwnHost,
} from './support';
import {
  CREW,
  LONG_UNSOLD,
  PILOT,
  inViewFaults,
  layoutDataDir,
  layoutFaults,
  type WalkFlights,
} from './layout-support';

type Role = 'manager' | 'crew' | 'pilot';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

interface Visit {
  /** The screen and, after a comma, the state it is in: "Check-in, e-mail keyboard open". */
  name: string;
  roles: readonly Role[];
  hash(flights: WalkFlights): string;
  /** Resolves once the screen shows what it is for (its data loaded). */
  ready(page: Page): Promise<void>;
  /** Taps into the state measured (a keyboard open, a dialog). */
  open?(page: Page, role: Role): Promise<void>;
  /** Undoes what open started that would go on after the screen is left (a video being made). */
  close?(page: Page): Promise<void>;
  /** The screen's main action, which must be in view without scrolling; none on a screen only to read. */
  primary?(page: Page, role: Role): Locator | null;
  /** Parts that must also be wholly in view, by what the crew call them: the open keyboard, the field. */
  alsoInView?(page: Page): Array<[string, Locator]>;
}

const GROUND: readonly Role[] = ['manager', 'crew'];
const EVERYONE: readonly Role[] = ['manager', 'crew', 'pilot'];

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const visible = async (locator: Locator) => {
  await expect(locator).toBeVisible({ timeout: 30_000 });
};
const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: true });
const keyboard = (page: Page) => page.locator('.touch-keyboard');
const KEYBOARD = (page: Page): [string, Locator] => ['the on-screen keyboard', keyboard(page)];
const typedInto = (page: Page, label: string | RegExp): [string, Locator] => [
  `the field "${String(label)}" typed into`,
  page.getByLabel(label, { exact: typeof label === 'string' }),
];
const openKeyboard = async (page: Page, label: string | RegExp) => {
  await page.getByLabel(label, { exact: typeof label === 'string' }).click();
  await visible(keyboard(page));
};

const VISITS: readonly Visit[] = [
  {
    name: 'Home',
    roles: EVERYONE,
    hash: () => '#/home',
    ready: (page) => visible(page.getByRole('region', { name: 'Kiosk status' })),
    primary: (page, role) => (role === 'pilot' ? null : button(page, 'Check in a flight')),
  },
  {
    name: 'Kiosk status',
    roles: ['manager'],
    hash: () => '#/status',
    ready: (page) => visible(page.getByRole('region', { name: 'Kiosk status' })),
    primary: (page) => button(page, 'Check in a flight'),
  },
  {
    name: 'Flights',
    roles: EVERYONE,
    hash: () => '#/flights',
    ready: (page) => visible(page.getByRole('list', { name: 'Flights' }).getByRole('listitem').first()),
    primary: (page, role) => (role === 'pilot' ? null : button(page, 'Check in a flight')),
  },
  {
    name: 'Flights, search keyboard open',
    roles: ['crew'],
    hash: () => '#/flights',
    ready: (page) => visible(page.getByRole('list', { name: 'Flights' }).getByRole('listitem').first()),
    open: (page) => openKeyboard(page, /passenger/i),
    alsoInView: (page) => [KEYBOARD(page)],
  },
  ...(
    [
      ['', null],
      [', name keyboard open', 'Passenger name(s)'],
      [', e-mail keyboard open', 'E-mail (optional)'],
      [', phone keyboard open', 'Phone (optional)'],
      [', notes keyboard open', 'Notes (optional)'],
    ] as const
  ).map(([state, field]): Visit => ({
    name: `Check-in${state}`,
    roles: GROUND,
    hash: () => '#/checkin',
    ready: (page) => visible(page.getByRole('group', { name: 'Pilot' }).getByRole('button').first()),
    open: field ? (page) => openKeyboard(page, field) : undefined,
    // Nothing typed yet: the action says what is missing in its place.
    primary: (page) => button(page, 'Type a name first.'),
    alsoInView: field ? (page) => [KEYBOARD(page), typedInto(page, field)] : undefined,
  })),
  {
    name: 'Filming',
    roles: GROUND,
    hash: (f) => `#/capture/${f.unfilmed}`,
    ready: (page) => visible(heading(page, LONG_UNSOLD)),
    primary: (page) => page.getByRole('button', { name: /^(Start|Record) / }),
  },
  {
    // Every scene filmed: the video's state beside Watch, Record again and Sell now.
    name: 'Filming done',
    roles: GROUND,
    hash: (f) => `#/capture/${f.longUnsold}`,
    ready: (page) => visible(page.getByRole('region', { name: 'The souvenir video' })),
    primary: (page) => button(page, 'Sell now'),
  },
  {
    name: 'Review',
    roles: EVERYONE,
    hash: (f) => `#/review/${f.longUnsold}`,
    ready: (page) => visible(page.getByRole('slider', { name: 'Position in the scene' })),
    primary: (page) => button(page, 'Play'),
  },
  {
    name: 'Edit, first scene',
    roles: GROUND,
    hash: (f) => `#/edit/${f.longUnsold}`,
    ready: (page) => visible(page.getByRole('toolbar', { name: 'Segments' })),
    primary: (page) => button(page, 'Add at playhead'),
  },
  {
    name: 'Edit, 8 slots',
    roles: ['manager'],
    hash: (f) => `#/edit/${f.longUnsold}`,
    ready: (page) => visible(page.getByRole('toolbar', { name: 'Segments' })),
    open: async (page) => {
      await page.getByRole('tab', { name: '8 slots' }).click();
      await visible(page.getByRole('list', { name: 'The eight slots in playing order' }));
    },
    primary: (page) => button(page, 'Play the whole video'),
  },
  {
    name: 'Edit, export',
    roles: GROUND,
    hash: (f) => `#/edit/${f.longUnsold}`,
    ready: (page) => visible(page.getByRole('toolbar', { name: 'Segments' })),
    open: async (page) => {
      await page.getByRole('tab', { name: 'Export' }).click();
      await visible(page.getByRole('region', { name: 'Souvenir video' }).getByRole('button').first());
    },
    primary: (page) => page.getByRole('region', { name: 'Souvenir video' }).getByRole('button').first(),
  },
  {
    name: 'Edit, stopping the video',
    roles: ['manager'],
    hash: (f) => `#/edit/${f.longUnsold}`,
    ready: (page) => visible(page.getByRole('toolbar', { name: 'Segments' })),
    open: async (page) => {
      await page.getByRole('tab', { name: 'Export' }).click();
      await button(page, 'Make the video').click();
      await visible(page.getByRole('progressbar', { name: 'Video' }));
      await button(page, 'Stop making it').click();
      // Asked right after a button that stops: the answers say which way they go.
      const question = page.getByRole('dialog', { name: 'Stop making this video?' });
      await visible(question);
      await expect(question.getByRole('button')).toHaveText(['Keep making it', 'Stop it']);
    },
    primary: (page) => page.getByRole('dialog').getByRole('button', { name: 'Stop it' }),
    close: async (page) => {
      await page.getByRole('dialog').getByRole('button', { name: 'Stop it' }).click();
      await visible(page.getByText('The video was cancelled. Nothing was kept.'));
    },
  },
  {
    name: 'Sales',
    roles: GROUND,
    hash: () => '#/sales',
    ready: (page) =>
      visible(page.getByRole('region', { name: 'Ready to sell' }).getByRole('article').first()),
    primary: (page) => page.getByRole('button', { name: /^Sell / }).first(),
  },
  {
    name: 'Sales, search keyboard open',
    roles: ['crew'],
    hash: () => '#/sales',
    ready: (page) =>
      visible(page.getByRole('region', { name: 'Ready to sell' }).getByRole('article').first()),
    open: (page) => openKeyboard(page, 'Find a passenger'),
    primary: (page) => page.getByRole('button', { name: /^Sell / }).first(),
    alsoInView: (page) => [KEYBOARD(page)],
  },
  {
    name: 'Checkout',
    roles: GROUND,
    hash: (f) => `#/checkout/${f.longUnsold}`,
    ready: (page) => visible(page.getByRole('radiogroup', { name: 'Bundle' }).getByRole('radio').first()),
    open: async (page) => {
      await page.getByRole('radiogroup', { name: 'Bundle' }).getByRole('radio').first().click();
      await page.getByRole('radio', { name: 'Cash' }).click();
    },
    primary: (page) => page.locator('.checkout-confirm'),
  },
  {
    name: 'Checkout, e-mail keyboard open',
    roles: GROUND,
    hash: (f) => `#/checkout/${f.longUnsold}`,
    ready: (page) => visible(page.getByRole('radiogroup', { name: 'Bundle' }).getByRole('radio').first()),
    open: (page) => openKeyboard(page, 'Customer e-mail (optional)'),
    primary: (page) => page.locator('.checkout-confirm'),
    alsoInView: (page) => [KEYBOARD(page), typedInto(page, 'Customer e-mail (optional)')],
  },
  {
    name: 'Checkout, changed amount keyboard open',
    roles: ['manager'],
    hash: (f) => `#/checkout/${f.longUnsold}`,
    ready: (page) => visible(page.getByRole('radiogroup', { name: 'Bundle' }).getByRole('radio').first()),
    open: async (page) => {
      await page.getByRole('radiogroup', { name: 'Bundle' }).getByRole('radio').first().click();
      await button(page, 'Change amount').click();
      await openKeyboard(page, 'Amount charged');
    },
    primary: (page) => page.locator('.checkout-confirm'),
    alsoInView: (page) => [KEYBOARD(page), typedInto(page, 'Amount charged')],
  },
  {
    name: 'Receipt',
    roles: GROUND,
    hash: (f) => `#/receipt/${f.saleId}`,
    ready: (page) => visible(page.getByRole('article', { name: 'Receipt' })),
    primary: (page) => button(page, 'Print receipt'),
  },
  {
    name: 'Receipt, QR code',
    roles: GROUND,
    hash: (f) => `#/receipt/${f.saleId}`,
    ready: (page) => visible(page.getByRole('article', { name: 'Receipt' })),
    // No tap: the receipt shows its QR by itself.
    open: (page) => visible(page.getByRole('img', { name: 'Download QR code' })),
    // What the customer scans must be on screen whole, and the ways to replace it with it.
    primary: (page) => page.getByRole('img', { name: 'Download QR code' }),
    alsoInView: (page) => [
      ['the button "New code"', button(page, 'New code')],
      ['the button "Switch off" (this code)', button(page, 'Switch off this code')],
    ],
  },
  {
    name: 'Customer screen, welcome',
    roles: GROUND,
    hash: () => '#/customer-screen',
    ready: (page) => visible(heading(page, 'Welcome aboard')),
  },
  {
    name: 'Receipt, copy to USB drive',
    roles: ['crew'],
    hash: (f) => `#/receipt/${f.saleId}`,
    ready: (page) => visible(page.getByRole('article', { name: 'Receipt' })),
    open: async (page) => {
      await page.getByRole('button', { name: /Copy to USB drive/ }).click();
      await visible(page.getByRole('button', { name: /The kiosk's deliveries folder/ }));
    },
    primary: (page) => page.getByRole('button', { name: /The kiosk's deliveries folder/ }),
  },
  {
    name: 'Receipt, e-mail later keyboard open',
    roles: ['crew'],
    hash: (f) => `#/receipt/${f.saleId}`,
    ready: (page) => visible(page.getByRole('article', { name: 'Receipt' })),
    open: async (page) => {
      await page.getByRole('button', { name: /E-mail later/ }).click();
      await openKeyboard(page, /e-mail/i);
    },
    alsoInView: (page) => [KEYBOARD(page)],
  },
  {
    name: 'Receipt, refund question',
    roles: ['manager'],
    hash: (f) => `#/receipt/${f.saleId}`,
    ready: (page) => visible(page.getByRole('article', { name: 'Receipt' })),
    open: async (page) => {
      await button(page, 'Refund sale').click();
      await openKeyboard(page, 'Reason');
    },
    primary: (page) => page.getByRole('dialog').getByRole('button', { name: 'Say why first' }),
    alsoInView: (page) => [KEYBOARD(page), typedInto(page, 'Reason')],
  },
  {
    name: 'Sales report',
    roles: ['manager'],
    hash: () => '#/reports',
    ready: (page) => visible(page.getByRole('region', { name: 'Spreadsheet files' })),
  },
  {
    name: 'People',
    roles: ['manager'],
    hash: () => '#/people',
    ready: (page) => visible(page.getByRole('list', { name: 'People' }).getByRole('listitem').first()),
    primary: (page) => button(page, '+ Add a person'),
  },
  {
    name: 'People, adding a person',
    roles: ['manager'],
    hash: () => '#/people',
    ready: (page) => visible(page.getByRole('list', { name: 'People' }).getByRole('listitem').first()),
    open: async (page) => {
      await button(page, '+ Add a person').click();
      await openKeyboard(page, 'Name');
    },
    primary: (page) => button(page, 'Type their name first.'),
    alsoInView: (page) => [KEYBOARD(page), typedInto(page, 'Name')],
  },
  {
    name: 'Audit log',
    roles: ['manager'],
    hash: () => '#/audit',
    ready: (page) => visible(page.getByRole('list', { name: 'Audit entries' }).getByRole('listitem').first()),
  },
  {
    name: 'Settings',
    roles: ['manager'],
    hash: () => '#/settings',
    ready: (page) => visible(button(page, 'Save settings')),
    primary: (page) => button(page, 'Save settings'),
  },
  {
    name: 'Settings, operator name keyboard open',
    roles: ['manager'],
    hash: () => '#/settings',
    ready: (page) => visible(button(page, 'Save settings')),
    open: (page) => openKeyboard(page, /^Operator name/),
    primary: (page) => button(page, 'Save settings'),
    alsoInView: (page) => [KEYBOARD(page), typedInto(page, /^Operator name/)],
  },
  {
    name: 'Settings, for managers only',
    roles: ['crew'],
    hash: () => '#/settings',
    ready: (page) => visible(page.getByText(/for managers/i).first()),
  },
  {
    name: 'Sales, for ground crew only',
    roles: ['pilot'],
    hash: () => '#/sales',
    ready: (page) => visible(page.getByText(/ground crew/i).first()),
  },
  {
    name: 'Home, report a problem keyboard open',
    roles: EVERYONE,
    hash: () => '#/home',
    ready: (page) => visible(page.getByRole('region', { name: 'Kiosk status' })),
    open: async (page) => {
      await button(page, 'Report a problem').click();
      await openKeyboard(page, 'What happened?');
    },
    primary: (page) => page.getByRole('dialog').getByRole('button', { name: 'Pick what it is with first.' }),
    alsoInView: (page) => [KEYBOARD(page), typedInto(page, 'What happened?')],
    // Home stays on screen for the next visit: the dialog must not.
    close: (page) => page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click(),
  },
  {
    name: 'Home, save diagnostics',
    roles: GROUND,
    hash: () => '#/home',
    ready: (page) => visible(page.getByRole('region', { name: 'Kiosk status' })),
    open: async (page) => {
      await button(page, 'Save diagnostics').click();
      await visible(page.getByRole('button', { name: /The kiosk's deliveries folder/ }));
    },
    primary: (page) => page.getByRole('button', { name: /The kiosk's deliveries folder/ }),
    close: (page) => page.getByRole('dialog').getByRole('button', { name: 'Close' }).click(),
  },
  {
    name: 'Passenger check-in and waiver',
    roles: ['manager'],
    hash: () => '#/waiver',
    ready: (page) => visible(page.getByRole('region', { name: 'Current waiver' })),
    primary: (page) => button(page, 'Turn this screen into passenger check-in'),
  },
  {
    name: 'Kiosk health',
    roles: ['manager'],
    hash: () => '#/health',
    ready: (page) => visible(page.getByRole('region', { name: 'Kiosk health' })),
    primary: (page) => button(page, 'Check now'),
  },
  {
    name: 'E-mail',
    roles: ['manager'],
    hash: () => '#/mail',
    ready: (page) => visible(page.getByRole('region', { name: 'Mail server' })),
    primary: (page) => button(page, 'Save'),
  },
  {
    name: 'E-mail, password keyboard open',
    roles: ['manager'],
    hash: () => '#/mail',
    ready: (page) => visible(page.getByRole('region', { name: 'Mail server' })),
    open: async (page) => {
      await page.getByLabel(/^Password/).click();
      await visible(keyboard(page));
    },
    alsoInView: (page) => [
      ['the keyboard', keyboard(page)],
      ['the password field', page.getByLabel(/^Password/)],
    ],
  },
  {
    name: 'Problem reports, resolving',
    roles: ['manager'],
    hash: () => '#/problems',
    ready: (page) => visible(page.getByRole('radiogroup', { name: 'Show' })),
    open: async (page) => {
      const made = await page.evaluate(() =>
        window.magnum.problems.report({
          category: 'camera',
          description: 'The rear camera froze during the chase scene of the long flight.',
        }),
      );
      expect(made.ok).toBe(true);
      // Read the list again, as the manager would by switching the filter.
      await page.getByRole('radio', { name: 'Resolved' }).click();
      await page.getByRole('radio', { name: 'Open' }).click();
      await page
        .getByRole('button', { name: /^Resolve/ })
        .first()
        .click();
      await openKeyboard(page, 'What was done?');
    },
    primary: (page) => page.getByRole('dialog').getByRole('button', { name: 'Say what was done first' }),
    alsoInView: (page) => [KEYBOARD(page), typedInto(page, 'What was done?')],
  },
  {
    name: 'Camera setup',
    roles: ['manager'],
    hash: () => '#/cameras',
    ready: (page) => visible(heading(page, 'Cameras')),
    primary: (page) => button(page, 'Save camera setup'),
  },
  {
    name: 'Templates',
    roles: ['manager'],
    hash: () => '#/templates',
    ready: (page) => visible(page.getByRole('region', { name: 'Template editor' })),
    primary: (page) => button(page, 'Save template'),
  },
  {
    name: 'Bundles',
    roles: ['manager'],
    hash: () => '#/bundles',
    ready: (page) => visible(page.getByRole('list', { name: 'Bundles' }).getByRole('listitem').first()),
    primary: (page) => button(page, 'Add a bundle'),
  },
  {
    name: 'Bundles, editing a price',
    roles: ['manager'],
    hash: () => '#/bundles',
    ready: (page) => visible(page.getByRole('list', { name: 'Bundles' }).getByRole('listitem').first()),
    open: async (page) => {
      await page
        .getByRole('button', { name: /^Edit / })
        .first()
        .click();
      await openKeyboard(page, /^Price/);
    },
    primary: (page) => page.getByRole('dialog').getByRole('button', { name: 'Save' }),
    alsoInView: (page) => [KEYBOARD(page), typedInto(page, /^Price/)],
  },
  {
    name: 'Price rules',
    roles: ['manager'],
    hash: () => '#/pricing',
    ready: (page) => visible(heading(page, 'Price rules')),
    primary: (page) => button(page, 'Add a rule'),
  },
  {
    name: 'Price rules, adding a rule',
    roles: ['manager'],
    hash: () => '#/pricing',
    ready: (page) => visible(heading(page, 'Price rules')),
    open: async (page) => {
      await button(page, 'Add a rule').click();
      await openKeyboard(page, 'Name (printed on the receipt)');
    },
    primary: (page) => page.getByRole('dialog').locator('.dialog-actions .button-primary'),
    alsoInView: (page) => [KEYBOARD(page), typedInto(page, 'Name (printed on the receipt)')],
  },
  {
    name: 'Backups',
    roles: ['manager'],
    hash: () => '#/backups',
    ready: (page) => visible(page.getByRole('region', { name: 'Where backups go' })),
    primary: (page) => button(page, 'Back up now'),
  },
  {
    name: 'Backups, folder keyboard open',
    roles: ['manager'],
    hash: () => '#/backups',
    ready: (page) => visible(page.getByRole('region', { name: 'Where backups go' })),
    open: (page) => openKeyboard(page, 'Or type a folder on another disk'),
    primary: (page) => button(page, 'Back up now'),
    alsoInView: (page) => [KEYBOARD(page), typedInto(page, 'Or type a folder on another disk')],
  },
  {
    name: 'Backups, restore a backup',
    roles: ['manager'],
    hash: () => '#/backups',
    ready: (page) => visible(page.getByRole('region', { name: 'Where backups go' })),
    open: async (page) => {
      await button(page, 'Restore a backup…').click();
      await visible(page.getByRole('region', { name: 'Where the backup is' }));
    },
    primary: (page) => button(page, 'Look in this folder'),
  },
  {
    name: 'Storage',
    roles: ['manager'],
    hash: () => '#/storage',
    ready: (page) => visible(page.getByRole('list', { name: 'Flights' }).getByRole('listitem').first()),
  },
  {
    name: 'Storage, remove old footage',
    roles: ['manager'],
    hash: () => '#/storage',
    ready: (page) => visible(page.getByRole('region', { name: 'Free on the disk' })),
    open: async (page) => {
      await page.getByRole('radio', { name: 'Remove old footage' }).click();
      await visible(page.getByRole('region', { name: 'What would go' }));
      await button(page, 'Change the rules').click();
    },
    primary: (page) => button(page, 'Save rules'),
  },
  {
    name: 'Storage, files check',
    roles: ['manager'],
    hash: () => '#/storage',
    ready: (page) => visible(page.getByRole('region', { name: 'Free on the disk' })),
    open: async (page) => {
      await page.getByRole('radio', { name: 'Files check' }).click();
      await button(page, 'Check the files').click();
      await visible(page.getByText(/^Checked /));
    },
    primary: (page) => button(page, 'Check again'),
  },
  {
    name: 'Storage, for managers only',
    roles: ['crew'],
    hash: () => '#/storage',
    ready: (page) => visible(page.getByText(/for managers/i).first()),
  },
];

/** 'the main action "Save settings"', from what the button says. */
async function mainActionName(action: Locator): Promise<string> {
  const first = action.first();
  if ((await action.count()) === 0) return 'the main action';
  const said = (await first.getAttribute('aria-label')) ?? (await first.innerText());
  return `the main action "${said.replace(/\s+/g, ' ').trim()}"`;
}

/** Every fault of one screen in one state, with a screenshot to look at beside the list. */
async function faultsOf(page: Page, visit: Visit, role: Role, shot: string): Promise<string[]> {
  // Two frames: whatever the last tap changed is laid out and painted.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  const faults = await layoutFaults(page);
  const primary = visit.primary?.(page, role);
  if (primary) faults.push(...(await inViewFaults(primary, await mainActionName(primary))));
  for (const [what, part] of visit.alsoInView?.(page) ?? []) faults.push(...(await inViewFaults(part, what)));
  await page.screenshot({ path: shot });
  return faults;
}

const SHOTS = path.join('test-results', 'layout');

async function walk(
  page: Page,
  role: Role,
  size: (typeof SIZES)[number],
  flights: WalkFlights,
): Promise<void> {
  const label = `${size.width}×${size.height}`;
  // This browser's ids of the fake cameras (they differ per browser profile), as the manager sets them up.
  if (role === 'manager') await useMovingFakeCameras(page);
  for (const visit of VISITS.filter((v) => v.roles.includes(role))) {
    await test.step(`${visit.name} at ${label}`, async () => {
      // Each visit starts from its screen freshly opened, as a crew member arriving from a tab would.
      await page.evaluate(() => (window.location.hash = '#/home'));
      await page.evaluate((hash) => (window.location.hash = hash), visit.hash(flights));
      const slug = visit.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      const shot = path.join(SHOTS, `${role}-${label}-${slug}.png`);
      let faults: string[];
      try {
        await visit.ready(page);
        await visit.open?.(page, role);
        faults = await faultsOf(page, visit, role, shot);
        await visit.close?.(page);
      } catch (error) {
        // A screen that cannot be reached is a fault of that screen; the walk goes on to the next.
        await page.screenshot({ path: shot });
        faults = [`could not be opened: ${(error as Error).message.split('\n')[0]}`];
      }
      expect.soft(faults, `${visit.name} as ${role} at ${label}`).toEqual([]);
    });
  }
}

let host: OwnHost | undefined;
let dataDir = '';
let flights: WalkFlights | undefined;

test.beforeAll(async () => {
  test.setTimeout(600_000); // the first spec of a run renders the demo footage, the first walk a video
  ({ dataDir, flights } = await layoutDataDir('magnum-layout-e2e-'));
  // A download server on loopback, so the receipt can show a working QR code.
  host = await startOwnHost(dataDir, ['--download-port', '0', '--download-host', '127.0.0.1']);
  mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await host?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const started = () => {
  if (!host || !flights) throw new Error('the kiosk is started in beforeAll');
  return { url: host.url, flights };
};

async function signIn(page: Page, role: Role, url: string): Promise<void> {
  if (role === 'manager') {
    await signInAsManager(page, url);
  } else {
    const person = role === 'crew' ? CREW : PILOT;
    await page.goto(url);
    await page.getByRole('button', { name: new RegExp(`^${person.name.replace('.', '\\.')}`) }).click();
    await tapPin(page, person.pin, 'Sign in');
    await expect(page.getByLabel('Signed in as')).toContainText(person.name);
  }
  await dismissNotices(page);
}

for (const size of SIZES) {
  test(`signed out: sign-in, PIN and kiosk status fit ${size.width}×${size.height}`, async ({ page }) => {
    const { url } = started();
    await page.setViewportSize(size);
    const label = `${size.width}×${size.height}`;
    const check = async (name: string, primary: Locator | null) => {
      const visit: Visit = { name, roles: [], hash: () => '', ready: async () => {} };
      const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      const faults = await faultsOf(
        page,
        visit,
        'manager',
        path.join(SHOTS, `signed-out-${label}-${slug}.png`),
      );
      if (primary) faults.push(...(await inViewFaults(primary, await mainActionName(primary))));
      expect.soft(faults, `${name} at ${label}`).toEqual([]);
    };
    await page.goto(url);
    await visible(heading(page, 'Who is working?'));
    await check('Sign-in', null);
    await page.getByRole('button', { name: new RegExp(`^${MANAGER.name}`) }).click();
    await check('Sign-in, PIN', page.getByRole('button', { name: 'Sign in', exact: true }));
    await page.evaluate(() => (window.location.hash = '#/status'));
    await visible(page.getByRole('region', { name: 'Kiosk status' }));
    await check('Kiosk status, signed out', null);

    await signInAsManager(page, url);
    await dismissNotices(page);
    await button(page, 'Lock').click();
    await check('Lock screen', page.getByRole('button', { name: 'Unlock', exact: true }));
  });

  for (const role of ['manager', 'crew', 'pilot'] as const) {
    test(`${role}: every screen fits ${size.width}×${size.height}`, async ({ page }) => {
      test.setTimeout(300_000);
      const { url, flights: found } = started();
      await page.setViewportSize(size);
      await signIn(page, role, url);
      await walk(page, role, size, found);
    });
  }
}

test('the browser host serves the kiosk icon the page links, and at /favicon.ico', async ({ request }) => {
  const { url } = started();
  const page = await (await request.get(new URL('/', url).href)).text();
  const linked = [...page.matchAll(/<link rel="icon" href="([^"]+)"/g)].map((match) => match[1]!);
  expect(linked, 'the page links its icon').toContain('./favicon.ico');
  for (const href of new Set(['/favicon.ico', ...linked])) {
    const icon = await request.get(new URL(href, url).href);
    expect(icon.status(), href).toBe(200);
    expect(icon.headers()['content-type'], href).toMatch(/^image\//);
    expect((await icon.body()).length, href).toBeGreaterThan(100);
  }
});

test('the walker finds each kind of fault, naming the element and the numbers', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.setContent(`<!doctype html><body style="margin:0;font:20px sans-serif">
    <div style="width:300px"><div class="wide" style="width:400px;height:10px"></div></div>
    <p class="dots" style="width:100px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis">Mia and Leonardo</p>
    <p class="clipped" style="width:100px;height:20px;overflow:hidden">Castellanos-Whitfield and more</p>
    <button class="tiny" style="width:40px;height:60px">1</button>
    <div style="height:2000px"></div><button class="save" style="width:200px;height:64px">Save</button></body>`);
  const faults = await layoutFaults(page);
  expect(faults).toEqual([
    expect.stringMatching(/^text cut: p\.dots "Mia and Leonardo" hides \d+ px wide of "Mia and Leonardo"$/),
    expect.stringMatching(/^text cut: p\.clipped "Castellanos-Whitfield and more" hides \d+ px wide of /),
    'overflow: div.wide sticks out of div by 100 px (400 px in 300 px)',
    'small target 40 px × 60 px: button.tiny "1"',
  ]);
  expect(await inViewFaults(page.locator('.save'), 'the main action "Save"')).toEqual([
    expect.stringMatching(/^the main action "Save" is out of view: at .* in a 1280 × 800 window$/),
  ]);
  expect(await inViewFaults(page.locator('.tiny'), 'the key')).toEqual([]);
});
