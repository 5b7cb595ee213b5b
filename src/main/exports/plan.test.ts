// The export plan as plain data: inputs seeked before they are opened, every part fitted to the frame and cut
// to its length, concatenated in slot order between intro and outro, the title drawn over the intro (or the
// first slot), music looped and faded. The render tests (service.test.ts) show ffmpeg agrees.
import { describe, expect, it } from 'vitest';
import { buildExportPlan, filterValue, fittedFontSize, type ExportPlanInput, type PlannedClip } from './plan';

const clips: PlannedClip[] = Array.from({ length: 8 }, (_, i) => ({
  slotNumber: i + 1,
  file: `/data/media/rec/scene/camera${(i % 2) + 1}.mp4`,
  fileStart: 10 + i,
  duration: 3,
}));

const base: ExportPlanInput = {
  clips,
  width: 1920,
  height: 1080,
  frameRate: 30,
  intro: { file: '/res/intros/intro.mp4', duration: 2.5 },
  outro: { file: '/res/outros/outro.mp4', duration: 2 },
  music: { file: '/res/music/bed.m4a' },
  title: {
    titleFile: '/work/title.txt',
    subtitleFile: '/work/operator.txt',
    fontFile: '/res/fonts/DejaVuSans-Bold.ttf',
    titleLength: 30,
    subtitleLength: 14,
  },
  outputFile: '/data/media/rec/exports/job.partial.mp4',
};

const graphOf = (args: string[]) => args[args.indexOf('-filter_complex') + 1]!;

describe('buildExportPlan', () => {
  it('seeks every slot with -ss and -t before its -i, so the cost does not grow with the footage', () => {
    const { args } = buildExportPlan(base);
    for (const clip of clips) {
      const at = args.indexOf(clip.file, args.indexOf(String(clip.fileStart)));
      expect(args.slice(at - 5, at + 1)).toEqual(['-ss', String(clip.fileStart), '-t', '3', '-i', clip.file]);
    }
  });

  it('lasts intro + every slot + outro', () => {
    expect(buildExportPlan(base).durationSeconds).toBeCloseTo(2.5 + 8 * 3 + 2, 6);
    expect(buildExportPlan({ ...base, intro: null, outro: null }).durationSeconds).toBe(24);
  });

  it('concatenates intro, slots 1 to 8 and outro in that order', () => {
    const graph = graphOf(buildExportPlan(base).args);
    const labels = ['intro', ...clips.map((c) => `slot${c.slotNumber}`), 'outro'].map((l) => `[${l}]`);
    expect(graph).toContain(`${labels.join('')}concat=n=10:v=1:a=0[video]`);
  });

  it('fits each part to the output frame without stretching, at the output rate, cut to its length', () => {
    const graph = graphOf(buildExportPlan({ ...base, width: 1080, height: 1920, frameRate: 25 }).args);
    const slot3 = graph.split(';').find((chain) => chain.endsWith('[slot3]'))!;
    expect(slot3).toMatch(/^\[3:v\]fps=25,/);
    expect(slot3).toContain('scale=1080:1920:force_original_aspect_ratio=decrease');
    expect(slot3).toContain('pad=1080:1920:(ow-iw)/2:(oh-ih)/2');
    expect(slot3).toContain('format=yuv420p,trim=duration=3,setpts=PTS-STARTPTS');
  });

  it('draws the title over the intro when there is one, and over the first slot (on a box) when not', () => {
    const withIntro = buildExportPlan(base);
    expect(withIntro.titleOver).toBe('intro');
    const chains = graphOf(withIntro.args).split(';');
    expect(chains.find((c) => c.endsWith('[intro]'))).toContain('textfile=/work/title.txt');
    expect(chains.find((c) => c.endsWith('[slot1]'))).not.toContain('drawtext');

    const noIntro = buildExportPlan({ ...base, intro: null });
    expect(noIntro.titleOver).toBe('first-slot');
    const slot1 = graphOf(noIntro.args)
      .split(';')
      .find((c) => c.endsWith('[slot1]'))!;
    expect(slot1).toContain('textfile=/work/title.txt');
    expect(slot1).toContain('textfile=/work/operator.txt');
    expect(slot1).toContain('box=1');
    expect(graphOf(noIntro.args)).toMatch(/^\[0:v\]/);
  });

  it('leaves the operator line out when there is no operator name', () => {
    const plan = buildExportPlan({ ...base, title: { ...base.title!, subtitleFile: null } });
    expect(graphOf(plan.args).match(/drawtext=/g)).toHaveLength(1);
  });

  it('loops the music under the whole video and fades it out at the end', () => {
    const { args } = buildExportPlan(base);
    const at = args.indexOf('/res/music/bed.m4a');
    expect(args.slice(at - 3, at)).toEqual(['-stream_loop', '-1', '-i']);
    const music = graphOf(args)
      .split(';')
      .find((c) => c.endsWith('[music]'))!;
    expect(music).toMatch(/^\[10:a\]/);
    expect(music).toContain('atrim=duration=28.5');
    expect(music).toContain('afade=t=out:st=26.5:d=2');
    expect(args.join(' ')).toContain('-map [video] -map [music] -c:a aac');
  });

  it('has no audio without music', () => {
    const { args } = buildExportPlan({ ...base, music: null });
    expect(args).not.toContain('-c:a');
    expect(graphOf(args)).not.toContain('[music]');
  });

  it('writes H.264 yuv420p with faststart, progress on stdout, to the partial file', () => {
    const { args } = buildExportPlan(base);
    const line = args.join(' ');
    expect(line).toContain(
      '-c:v libx264 -preset superfast -crf 21 -pix_fmt yuv420p -g 60 -r 30 -movflags +faststart',
    );
    expect(line).toContain('-progress pipe:1 -nostats');
    expect(args.slice(-4)).toEqual(['-f', 'mp4', '-y', base.outputFile]);
  });

  it('starts a window at 0 when the offset would put it before the file', () => {
    const { args } = buildExportPlan({ ...base, clips: [{ ...clips[0]!, fileStart: -0.4 }] });
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-ss') + 2)).toEqual(['-ss', '0']);
  });

  it('takes the poster frame in the same run, a third into the slots, split off the finished picture', () => {
    const plan = buildExportPlan({ ...base, poster: { file: '/work/poster.jpg', width: 480 } });
    expect(plan.posterAt).toBeCloseTo(2.5 + 8, 6);
    const graph = graphOf(plan.args);
    expect(graph).toContain('concat=n=10:v=1:a=0,split=2[video][posterin]');
    expect(graph).toContain('[posterin]trim=start=10.5,setpts=PTS-STARTPTS,scale=480:-2[poster]');
    expect(plan.args.slice(-10)).toEqual([
      '-map',
      '[poster]',
      '-frames:v',
      '1',
      '-q:v',
      '4',
      '-f',
      'image2',
      '-y',
      '/work/poster.jpg',
    ]);
  });

  it('refuses a plan without slots', () => {
    expect(() => buildExportPlan({ ...base, clips: [] })).toThrow(/at least one slot/);
  });
});

describe('filterValue', () => {
  it('escapes for the option level and then the graph level', () => {
    expect(filterValue('/plain/path.ttf')).toBe('/plain/path.ttf');
    expect(filterValue('C:/Fonts/a.ttf')).toBe('C\\\\:/Fonts/a.ttf');
    expect(filterValue("it's")).toBe("it\\\\\\'s");
    expect(filterValue('a,b;c[d]')).toBe('a\\,b\\;c\\[d\\]');
  });
});

describe('fittedFontSize', () => {
  it('uses the share of the height for a short line, and shrinks a long one to fit the width', () => {
    expect(fittedFontSize(1920, 1080, 0.065, 20)).toBe(70);
    const long = fittedFontSize(1920, 1080, 0.065, 80);
    expect(long).toBeLessThan(70);
    expect(long * 0.62 * 80).toBeLessThanOrEqual(1920 * 0.92 + 1);
  });
});
