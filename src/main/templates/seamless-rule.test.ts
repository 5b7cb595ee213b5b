// The contract's seamless rule (what the screen greys out) and the stored-layout rule (what main and the
// check-in trust) must agree, or the screen would offer what main refuses.
import { describe, expect, it } from 'vitest';
import { seamlessProblem } from '../../shared/templates';
import { DEFAULT_SLOT_LAYOUT, slotLayoutSchema } from './slot-layout';

describe('seamless rule', () => {
  const scenes = ['cruising', 'chase'] as const;
  const pairs = scenes.flatMap((a) =>
    scenes.flatMap((b) =>
      ([1, 2] as const).flatMap((x) => ([1, 2] as const).map((y) => [a, x, b, y] as const)),
    ),
  );

  it.each(pairs)('agrees for %s camera %i then %s camera %i', (sceneA, angleA, sceneB, angleB) => {
    const layout = DEFAULT_SLOT_LAYOUT.map((entry, i) =>
      i === 3
        ? { ...entry, scene_type: sceneA, camera_angle: angleA }
        : i === 4
          ? { ...entry, scene_type: sceneB, camera_angle: angleB, seamless_with_previous: true }
          : entry,
    );
    const stored = slotLayoutSchema.safeParse(layout).success;
    const offered =
      seamlessProblem(
        layout.map((e) => ({ sceneType: e.scene_type, cameraAngle: e.camera_angle })),
        4,
      ) === null;
    expect(offered).toBe(stored);
  });
});
