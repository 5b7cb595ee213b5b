// One area, one name, one folder in every layer: each channel area `x` (the part of `x.verb` before the dot) has
// its contract in src/shared/x.ts, its handlers in src/main/x/handlers.ts and its screens and store in
// src/renderer/x/, and the README's area table lists exactly these. A new area without them fails here.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { channelNames, eventNames } from '../src/shared/contract';

const root = fileURLToPath(new URL('..', import.meta.url));
const areaOf = (name: string) => name.slice(0, name.indexOf('.'));
const areas = [...new Set(channelNames.map(areaOf))].sort();
const channelsOf = (area: string) => channelNames.filter((name) => areaOf(name) === area).sort();

describe.each(areas)('the %s area', (area) => {
  it('has one contract file, src/shared/<area>.ts, holding exactly its channels and events', async () => {
    const file = path.join(root, 'src/shared', `${area}.ts`);
    expect(existsSync(file), `src/shared/${area}.ts`).toBe(true);
    const module = (await import(file)) as Record<string, unknown>;
    const channels = module[`${area}Channels`];
    expect(channels, `src/shared/${area}.ts exports ${area}Channels`).toBeTypeOf('object');
    expect(Object.keys(channels as object).sort()).toEqual(channelsOf(area));
    const events = (module[`${area}Events`] ?? {}) as object;
    expect(Object.keys(events).sort()).toEqual(eventNames.filter((name) => areaOf(name) === area).sort());
  });

  it('has its handlers in src/main/<area>/handlers.ts, and no other area’s', () => {
    const file = path.join(root, 'src/main', area, 'handlers.ts');
    expect(existsSync(file), `src/main/${area}/handlers.ts`).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`export function ${area}Handlers(`);
    const served = [...text.matchAll(/^\s+(?:async )?'([a-z]+\.[a-zA-Z]+)'(?::|\()/gm)].map(
      (match) => match[1],
    );
    expect(new Set(served)).toEqual(new Set(channelsOf(area)));
  });

  it('has its screens, store and parts in src/renderer/<area>/', () => {
    const folder = path.join(root, 'src/renderer', area);
    expect(existsSync(folder) && statSync(folder).isDirectory(), `src/renderer/${area}/`).toBe(true);
    expect(readdirSync(folder).some((file) => /\.tsx?$/.test(file))).toBe(true);
  });
});

describe('the contract files', () => {
  it('are named after an area, or are one of the building blocks every area uses', () => {
    const buildingBlocks = new Set([
      'api',
      'contact',
      'contract',
      'define',
      'edit-math',
      'errors',
      'flight-time',
      'ipc-channels',
      'session-route',
      'slot-layout',
      'wire',
    ]);
    const files = readdirSync(path.join(root, 'src/shared'))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => file.replace(/\.ts$/, ''));
    const strays = files.filter((name) => !areas.includes(name) && !buildingBlocks.has(name));
    expect(strays).toEqual([]);
  });
});

describe('the README’s area table', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const rows = [
    ...readme.matchAll(/^\|\s*`([a-z]+)`\s*\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|/gm),
  ].map((match) => ({
    area: match[1] ?? '',
    contract: match[2] ?? '',
    main: match[3] ?? '',
    renderer: match[4] ?? '',
  }));

  it('lists every area once, in the tree’s names', () => {
    expect(rows.map((row) => row.area).sort()).toEqual(areas);
    for (const row of rows) {
      expect(row).toEqual({
        area: row.area,
        contract: `src/shared/${row.area}.ts`,
        main: `src/main/${row.area}/`,
        renderer: `src/renderer/${row.area}/`,
      });
    }
  });
});

describe('src/renderer/components', () => {
  it('holds only widgets that more than one area uses', () => {
    const renderer = path.join(root, 'src/renderer');
    const sources = listSources(renderer).filter(
      (file) => !file.includes(`${path.sep}components${path.sep}`),
    );
    const widgets = readdirSync(path.join(renderer, 'components')).filter(
      (file) => /\.tsx?$/.test(file) && !file.endsWith('.test.ts'),
    );
    const usedByOne = widgets.filter((widget) => {
      const name = widget.replace(/\.tsx?$/, '');
      const users = new Set(
        sources
          .filter((file) => new RegExp(`components/${name}'`).test(readFileSync(file, 'utf8')))
          .map((file) => path.relative(renderer, file).split(path.sep)[0]),
      );
      // A widget's own helpers (used by another widget) count through that widget.
      const viaWidget = widgets.some(
        (other) =>
          other !== widget &&
          readFileSync(path.join(renderer, 'components', other), 'utf8').includes(`./${name}'`),
      );
      return users.size < 2 && !viaWidget;
    });
    expect(usedByOne).toEqual([]);
  });
});

function listSources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return listSources(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}
