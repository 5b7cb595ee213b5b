// The pieces of a video as plain data: what each piece is cut from and how long it is in frames, which piece
// carries the title, what its key changes with (and what it does not), and the arguments that keep a join clean.
import { describe, expect, it } from 'vitest';
import type { PlannedClip } from '../plan';
import {
  concatList,
  joinArgs,
  pieceArgs,
  planPieces,
  soundArgs,
  timescaleOf,
  type PiecesPlanInput,
} from './plan';

const clips: PlannedClip[] = Array.from({ length: 8 }, (_, i) => ({
  slotNumber: i + 1,
  file: `/data/media/rec/scene/camera${(i % 2) + 1}.mp4`,
  fileStart: 10 + i,
  duration: 3,
  fileIdentity: `100-${i}`,
}));

const base: PiecesPlanInput = {
  clips,
  firstSlotNumber: 1,
  intro: { file: '/res/intros/intro.mp4', identity: '5-1', duration: 2.5 },
  outro: { file: '/res/outros/outro.mp4', identity: '6-1', duration: 2 },
  music: { file: '/res/music/bed.m4a', identity: '7-1' },
  title: { text: 'Anna & Ben - 14 June 2025', operatorLine: 'Alpine', fontFile: '/res/fonts/Bold.ttf' },
  width: 1920,
  height: 1080,
  frameRate: 30,
  ffmpegIdentity: '/usr/bin/ffmpeg:1-1',
};

const keys = (input: PiecesPlanInput) => planPieces(input).pieces.map((p) => p.key);
const valueAfter = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('planPieces', () => {
  it('is the intro, one piece per slot in slot order, then the outro, each a whole number of frames', () => {
    const plan = planPieces(base);
    expect(plan.pieces.map((p) => p.kind)).toEqual(['intro', ...clips.map(() => 'slot'), 'outro']);
    expect(plan.pieces.map((p) => p.slotNumber)).toEqual([null, 1, 2, 3, 4, 5, 6, 7, 8, null]);
    expect(plan.pieces.map((p) => p.frames)).toEqual([75, 90, 90, 90, 90, 90, 90, 90, 90, 60]);
    expect(plan.totalFrames).toBe(75 + 8 * 90 + 60);
    expect(plan.durationSeconds).toBe(plan.totalFrames / 30);
    expect(plan.sound.frames).toBe(plan.totalFrames);
  });

  it('rounds each slot to frames so the video is exactly its frames long', () => {
    const odd = clips.map((clip, i) => ({ ...clip, duration: 2.99 + i * 0.013 }));
    const plan = planPieces({ ...base, clips: odd, intro: null, outro: null });
    expect(plan.pieces.map((p) => p.frames)).toEqual(odd.map((c) => Math.round(c.duration * 30)));
    expect(plan.durationSeconds * 30).toBeCloseTo(plan.totalFrames, 9);
  });

  it('draws the title over the intro, unboxed; over the first slot, boxed, when there is no intro', () => {
    const withIntro = planPieces(base).pieces;
    expect(withIntro[0]!.title).toMatchObject({ text: base.title!.text, boxed: false });
    expect(withIntro.slice(1).every((p) => p.title === null)).toBe(true);
    const noIntro = planPieces({ ...base, intro: null }).pieces;
    expect(noIntro[0]).toMatchObject({ slotNumber: 1, title: { boxed: true } });
    expect(noIntro.slice(1).every((p) => p.title === null)).toBe(true);
    // Slot 1 not filmed yet: no other slot takes the title.
    const later = planPieces({ ...base, intro: null, clips: clips.slice(1) }).pieces;
    expect(later.every((p) => p.title === null)).toBe(true);
  });

  it('keys a slot by its file, window and settings: changing one slot changes only its key', () => {
    const before = keys(base);
    const moved = clips.map((clip) => (clip.slotNumber === 4 ? { ...clip, fileStart: 12.5 } : clip));
    const after = keys({ ...base, clips: moved });
    expect(after.filter((key, i) => key !== before[i])).toEqual([after[4]]);
    // A re-recorded take (same path, another size or mtime) is another piece.
    const retaken = clips.map((clip) => (clip.slotNumber === 2 ? { ...clip, fileIdentity: '101-9' } : clip));
    expect(keys({ ...base, clips: retaken })[2]).not.toBe(before[2]);
    // The same window in another flight is the same piece.
    expect(keys({ ...base })).toEqual(before);
  });

  it('keys the titled piece by its text and operator line; the outro is shared by every flight', () => {
    const before = keys(base);
    const renamed = keys({ ...base, title: { ...base.title!, text: 'Chloé - 15 June 2025' } });
    expect(renamed[0]).not.toBe(before[0]);
    expect(renamed.slice(1)).toEqual(before.slice(1));
    const operator = keys({ ...base, title: { ...base.title!, operatorLine: 'Other Air' } });
    expect(operator[0]).not.toBe(before[0]);
  });

  it('changes every key with the output size, frame rate, encoder or ffmpeg', () => {
    const before = keys(base);
    for (const changed of [
      { width: 1280, height: 720 },
      { frameRate: 25 },
      { encoder: { preset: 'veryfast', crf: 21 } },
      { ffmpegIdentity: '/other/ffmpeg:2-2' },
    ]) {
      const after = keys({ ...base, ...changed });
      expect(after.every((key, i) => key !== before[i])).toBe(true);
    }
  });

  it('makes the sound as long as the whole video, counting slots not filmed yet', () => {
    const plan = planPieces({ ...base, clips: clips.slice(0, 6), waitingFrames: 180 });
    expect(plan.sound.frames).toBe(plan.totalFrames + 180);
    expect(plan.sound.key).toBe(planPieces(base).sound.key);
  });

  it('takes the poster a third of the way into the slots, past the intro', () => {
    const plan = planPieces(base);
    // 720 slot frames: frame 75 + 240 of the video is frame 60 of slot 3 (pieces[3]).
    expect(plan.poster).toEqual({ pieceIndex: 3, at: 2 });
  });
});

describe('the piece arguments', () => {
  const plan = planPieces(base);
  const slot = plan.pieces[1]!;

  it('seeks before -i, so the cost of a slot does not grow with the footage', () => {
    const args = pieceArgs(slot, null, '/cache/x.mp4');
    expect(args.slice(0, 6)).toEqual(['-ss', '10', '-t', '3.033', '-i', slot.source.file]);
  });

  it('reports progress as often as it is asked, and never changes the picture for it', () => {
    const plain = pieceArgs(slot, null, '/cache/x.mp4');
    const fine = pieceArgs(slot, null, '/cache/x.mp4', ['-stats_period', '0.1']);
    expect(valueAfter(fine, '-stats_period')).toBe('0.1');
    expect(fine.indexOf('-stats_period')).toBeLessThan(fine.indexOf('-progress'));
    expect(fine.filter((arg) => arg !== '-stats_period' && arg !== '0.1')).toEqual(plain);
  });

  it('gives every piece the same encoder settings, time base and exact frame count', () => {
    for (const piece of plan.pieces) {
      const args = pieceArgs(piece, { titleFile: '/w/t.txt', subtitleFile: null }, '/cache/x.mp4');
      expect(valueAfter(args, '-frames:v')).toBe(String(piece.frames));
      expect(valueAfter(args, '-video_track_timescale')).toBe(String(timescaleOf(30)));
      expect(valueAfter(args, '-c:v')).toBe('libx264');
      expect(valueAfter(args, '-preset')).toBe('superfast');
      expect(valueAfter(args, '-pix_fmt')).toBe('yuv420p');
      expect(valueAfter(args, '-r')).toBe('30');
      expect(args).toContain('-an');
    }
  });

  it('pads past the end of the footage so a short file still gives all its frames', () => {
    const graph = valueAfter(pieceArgs(slot, null, '/cache/x.mp4'), '-filter_complex')!;
    expect(graph).toContain('trim=duration=3,setpts=PTS-STARTPTS[part]');
    expect(graph).toContain('color=c=black:s=1920x1080:r=30');
    expect(graph).toContain('[part][pad]concat=n=2:v=1:a=0[video]');
  });

  it('draws the title from the files it is given', () => {
    const graph = valueAfter(
      pieceArgs(plan.pieces[0]!, { titleFile: '/w/title.txt', subtitleFile: '/w/op.txt' }, '/o.mp4'),
      '-filter_complex',
    )!;
    expect(graph).toContain('textfile=/w/title.txt');
    expect(graph).toContain('textfile=/w/op.txt');
  });
});

describe('the sound and the join', () => {
  it('loops and fades the music, or makes silence, as long as the video', () => {
    const plan = planPieces(base);
    const music = soundArgs(plan.sound, '/cache/s.m4a');
    expect(music.slice(0, 4)).toEqual(['-stream_loop', '-1', '-i', '/res/music/bed.m4a']);
    expect(valueAfter(music, '-af')).toContain('afade=t=out:st=26.5:d=2');
    expect(valueAfter(music, '-t')).toBe('28.5');
    const silent = soundArgs(planPieces({ ...base, music: null }).sound, '/cache/s.m4a');
    expect(silent.slice(0, 4)).toEqual(['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo']);
    expect(valueAfter(silent, '-af')).not.toContain('afade');
    expect(valueAfter(silent, '-c:a')).toBe('aac');
  });

  it('copies picture and sound, encoding nothing', () => {
    const args = joinArgs('/w/list.txt', '/cache/s.m4a', 30, '/out.mp4');
    expect(args.slice(0, 6)).toEqual(['-f', 'concat', '-safe', '0', '-i', '/w/list.txt']);
    expect(valueAfter(args, '-c')).toBe('copy');
    expect(args).not.toContain('libx264');
    expect(args).not.toContain('aac');
  });

  it('lists files for the concat demuxer with quotes in paths escaped', () => {
    expect(
      concatList(
        [
          { file: "/d/it's.mp4", frames: 90 },
          { file: '/d/b.mp4', frames: 29 },
        ],
        30,
      ),
    ).toBe("file '/d/it'\\''s.mp4'\nduration 3.000000\nfile '/d/b.mp4'\nduration 0.966667\n");
  });
});
