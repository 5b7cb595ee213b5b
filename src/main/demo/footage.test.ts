import { describe, expect, it } from 'vitest';
import { demoClipArgs, filterSafeText, findDemoFontDir } from './footage';

const clip = {
  camera: 2 as const,
  sceneType: 'chase' as const,
  durationSeconds: 19.76,
  clockStartMs: 240,
  flightLabel: 'Anna',
};
const graphOf = (args: string[]) => args[args.indexOf('-i') + 1] ?? '';

describe('demoClipArgs', () => {
  it('labels camera, scene and flight, and runs the clock from the camera start offset', () => {
    const graph = graphOf(demoClipArgs(clip, '/tmp/out.mp4'));
    expect(graph).toContain("text='CAM 2 REAR'");
    expect(graph).toContain("text='CHASE 2 OF 3'");
    expect(graph).toContain("text='Anna'");
    expect(graph).toContain('%{pts\\:hms\\:0.240}');
  });

  it('gives the two cameras different pictures', () => {
    expect(graphOf(demoClipArgs({ ...clip, camera: 1 }, 'a.mp4'))).toMatch(/^testsrc2=/);
    expect(graphOf(demoClipArgs(clip, 'b.mp4'))).toMatch(/^smptehdbars=/);
  });

  it('encodes H.264 yuv420p fast, with a keyframe every second, for the requested duration', () => {
    const args = demoClipArgs(clip, '/tmp/out.mp4');
    expect(args.join(' ')).toContain('-c:v libx264 -preset ultrafast -crf 30 -pix_fmt yuv420p -g 30 -r 30');
    expect(graphOf(args)).toContain('duration=19.760');
    expect(args.at(-1)).toBe('/tmp/out.mp4');
  });

  it('names the font without a path, so no path needs filter-graph escaping', () => {
    expect(graphOf(demoClipArgs(clip, 'x.mp4'))).toContain('fontfile=DejaVuSans-Bold.ttf:');
  });
});

describe('filterSafeText', () => {
  it("drops characters that would break the filter graph, keeping accents and '&'", () => {
    expect(filterSafeText("Liam O'Connor, Jr: [VIP]; 100%")).toBe('Liam O Connor Jr VIP 100');
    expect(filterSafeText('Sofia Martínez & Diego Ruiz')).toBe('Sofia Martínez & Diego Ruiz');
  });
});

describe('findDemoFontDir', () => {
  it('finds the shipped font from this module', () => {
    expect(findDemoFontDir()).toMatch(/resources[/\\]fonts$/);
  });

  it('says where it looked when the font is missing', () => {
    expect(() => findDemoFontDir('/')).toThrow(/DejaVuSans-Bold\.ttf was not found/);
  });
});
