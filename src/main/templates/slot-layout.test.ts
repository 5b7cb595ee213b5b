import { describe, expect, it } from 'vitest';
import { DEFAULT_SLOT_LAYOUT, parseSlotLayout, validateSlotLayout } from './slot-layout';

const layoutWith = (slotNumber: number, change: object) =>
  DEFAULT_SLOT_LAYOUT.map((slot) => (slot.slot_number === slotNumber ? { ...slot, ...change } : slot));

describe('DEFAULT_SLOT_LAYOUT', () => {
  it('is the shared default layout as project_templates.slot_layout stores it', () => {
    expect(DEFAULT_SLOT_LAYOUT).toHaveLength(8);
    expect(DEFAULT_SLOT_LAYOUT[1]).toEqual({
      slot_number: 2,
      scene_type: 'cruising',
      camera_angle: 2,
      duration: 3,
      seamless_with_previous: false,
    });
    expect(validateSlotLayout(DEFAULT_SLOT_LAYOUT)).toEqual(DEFAULT_SLOT_LAYOUT);
  });
});

describe('validateSlotLayout', () => {
  it('accepts a seamless slot that continues the previous slot of the same scene on the other camera', () => {
    expect(
      validateSlotLayout(layoutWith(2, { seamless_with_previous: true }))[1]?.seamless_with_previous,
    ).toBe(true);
  });

  it.each([
    ['seven slots', DEFAULT_SLOT_LAYOUT.slice(0, 7)],
    ['slots out of order', [...DEFAULT_SLOT_LAYOUT].reverse()],
    ['a camera angle of 3', layoutWith(1, { camera_angle: 3 })],
    ['an unknown scene', layoutWith(1, { scene_type: 'takeoff' })],
    ['a zero duration', layoutWith(1, { duration: 0 })],
    ['slot 1 seamless', layoutWith(1, { seamless_with_previous: true })],
    [
      'a seamless slot on the same camera as the previous one',
      layoutWith(3, { camera_angle: 2, seamless_with_previous: true }),
    ],
    [
      'a seamless slot that starts a new scene',
      layoutWith(4, { camera_angle: 2, seamless_with_previous: true }),
    ],
  ])('refuses %s', (_case, layout) => {
    expect(() => validateSlotLayout(layout)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});

describe('parseSlotLayout', () => {
  it('refuses text that is not JSON', () => {
    expect(() => parseSlotLayout('eight slots')).toThrow(/not valid JSON/);
  });

  it('reads what was stored', () => {
    expect(parseSlotLayout(JSON.stringify(DEFAULT_SLOT_LAYOUT))).toEqual(DEFAULT_SLOT_LAYOUT);
  });
});
