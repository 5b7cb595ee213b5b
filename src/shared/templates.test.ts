import { describe, expect, it } from 'vitest';
import {
  dropImpossibleSeamless,
  EXAMPLE_TITLE_VALUES,
  fillTitlePattern,
  seamlessProblem,
  stepSlotDuration,
  templatesChannels,
  titlePatternProblems,
  type TemplateSlot,
} from './templates';

const slot = (
  sceneType: TemplateSlot['sceneType'],
  cameraAngle: 1 | 2,
  seamlessWithPrevious = false,
): TemplateSlot => ({ slotNumber: 0, sceneType, cameraAngle, duration: 3, seamlessWithPrevious });

describe('seamlessProblem', () => {
  const slots = [slot('cruising', 1), slot('cruising', 2), slot('cruising', 2), slot('chase', 1)];

  it('allows the other camera of the same scene', () => {
    expect(seamlessProblem(slots, 1)).toBeNull();
  });

  it('explains slot 1, the same camera and a change of scene', () => {
    expect(seamlessProblem(slots, 0)).toMatch(/Slot 1 opens the video/);
    expect(seamlessProblem(slots, 2)).toBe(
      'Slots 2 and 3 both use camera 2: seamless needs the other camera.',
    );
    expect(seamlessProblem(slots, 3)).toBe(
      'Slot 3 is cruising and slot 4 is chase: seamless needs the same scene.',
    );
  });
});

describe('dropImpossibleSeamless', () => {
  it('clears only the flags a camera or scene change made impossible', () => {
    const after = dropImpossibleSeamless([
      slot('cruising', 1),
      slot('cruising', 1, true),
      slot('cruising', 2, true),
    ]);
    expect(after.map((s) => s.seamlessWithPrevious)).toEqual([false, false, true]);
  });
});

describe('stepSlotDuration', () => {
  it('moves in half seconds between 1.0 and 10.0 s', () => {
    expect(stepSlotDuration(3, 1)).toBe(3.5);
    expect(stepSlotDuration(3, -1)).toBe(2.5);
    expect(stepSlotDuration(1, -1)).toBe(1);
    expect(stepSlotDuration(10, 1)).toBe(10);
    expect(stepSlotDuration(3.2, 1)).toBe(3.5);
  });
});

describe('title patterns', () => {
  it('accepts text with the four placeholders', () => {
    expect(titlePatternProblems('{passenger_names} with {pilot}, {flight_date} {flight_time}')).toEqual([]);
  });

  it('names each unknown placeholder once and lists the real ones', () => {
    const problems = titlePatternProblems('{name} {name} {date}');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe(
      '{name} is not a placeholder the title can fill in. Use {passenger_names}, {flight_date}, {flight_time}, {pilot}.',
    );
  });

  it('refuses a brace without a partner and an empty title', () => {
    expect(titlePatternProblems('Flight {passenger_names')).toEqual([
      'A { or } has no partner: placeholders look like {passenger_names}.',
    ]);
    expect(titlePatternProblems(' ')).toEqual(['The title needs some text or a placeholder.']);
  });

  it('fills placeholders for the live example and leaves unknown ones as typed', () => {
    expect(fillTitlePattern('{passenger_names} - {flight_date} {x}', EXAMPLE_TITLE_VALUES)).toBe(
      'Anna & Ben Keller - 14 June 2025 {x}',
    );
    expect(fillTitlePattern('{constructor}', EXAMPLE_TITLE_VALUES)).toBe('{constructor}');
  });
});

describe('templates.save input', () => {
  const schema = templatesChannels['templates.save'].input;
  const example = templatesChannels['templates.save'].example;

  it('accepts its example and a portrait size', () => {
    expect(schema.safeParse(example).success).toBe(true);
    expect(schema.safeParse({ ...example, outputWidth: 1080, outputHeight: 1920 }).success).toBe(true);
  });

  it('refuses a size that is not a preset, even with valid numbers', () => {
    expect(schema.safeParse({ ...example, outputWidth: 1920, outputHeight: 1920 }).success).toBe(false);
  });

  it.each(['../x.mp4', 'a/b.mp4', 'a\\b.mp4', '.mp4', 'x..mp4', ''])(
    'refuses %j as an asset name',
    (name) => {
      expect(schema.safeParse({ ...example, outroAsset: name }).success).toBe(false);
    },
  );
});
