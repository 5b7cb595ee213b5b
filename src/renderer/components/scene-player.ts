// One clock for a scene's two angles: the leading video (camera 1, or camera 2 when it filmed alone) plays,
// and the follower is corrected against it every frame using sync.ts. Play, pause, seek, rate and frame step
// always act on both, so the angles can never be told to disagree.
import {
  DRIFT_TOLERANCE_SECONDS,
  clampToFile,
  correctFollower,
  stepFrame,
  timelineLength,
  type PlaybackRate,
} from './scene-sync';

export interface PlayerSnapshot {
  playing: boolean;
  /** Timeline (leading camera) seconds. */
  time: number;
  length: number;
  rate: PlaybackRate;
}

export interface PlayerVideos {
  leader: HTMLVideoElement;
  leaderDuration: number | null;
  /** The other angle, when the scene has one. */
  follower: HTMLVideoElement | null;
  followerDuration: number | null;
  /** Follower time = leader time − offsetMs / 1000. */
  offsetMs: number | null;
}

const LEADER_EVENTS = ['play', 'pause', 'seeked', 'timeupdate', 'ended', 'durationchange'] as const;

export class ReviewPlayer {
  private frame = 0;
  private rate: PlaybackRate = 1;
  private lastTime = -1;

  constructor(
    private readonly videos: PlayerVideos,
    private readonly onChange: (snapshot: PlayerSnapshot) => void,
  ) {
    for (const name of LEADER_EVENTS) videos.leader.addEventListener(name, this.onLeaderEvent);
    this.publish(true);
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    for (const name of LEADER_EVENTS) this.videos.leader.removeEventListener(name, this.onLeaderEvent);
    this.videos.leader.pause();
    this.videos.follower?.pause();
  }

  snapshot(): PlayerSnapshot {
    const { leader } = this.videos;
    return {
      playing: !leader.paused && !leader.ended,
      time: leader.currentTime,
      length: this.length(),
      rate: this.rate,
    };
  }

  async play(): Promise<void> {
    const { leader } = this.videos;
    if (leader.ended || leader.currentTime >= this.length() - 0.01) leader.currentTime = 0;
    this.syncFollower(0);
    await leader.play();
  }

  pause(): void {
    this.videos.leader.pause();
    this.videos.follower?.pause();
    this.syncFollower(0);
  }

  togglePlay(): void {
    if (this.snapshot().playing) this.pause();
    else void this.play();
  }

  seek(time: number): void {
    this.videos.leader.currentTime = clampToFile(time, this.length());
    this.syncFollower(0);
    this.publish(true);
  }

  /** Pauses both and moves both one frame. */
  stepFrame(direction: 1 | -1, frameRate?: number | null): void {
    this.pause();
    this.seek(stepFrame(this.videos.leader.currentTime, direction, this.length(), frameRate));
  }

  setRate(rate: PlaybackRate): void {
    this.rate = rate;
    this.videos.leader.playbackRate = rate;
    if (this.videos.follower) this.videos.follower.playbackRate = rate;
    this.publish(true);
  }

  private length(): number {
    const fromElement = this.videos.leader.duration;
    return timelineLength(
      this.videos.leaderDuration ?? (Number.isFinite(fromElement) ? fromElement : null),
      null,
    );
  }

  private readonly onLeaderEvent = (event: Event): void => {
    const { leader, follower } = this.videos;
    if (event.type === 'play') {
      this.startLoop();
    } else if (event.type === 'pause' || event.type === 'ended') {
      follower?.pause();
      this.syncFollower(0);
    } else if (event.type === 'seeked') {
      this.syncFollower(leader.paused ? 0 : DRIFT_TOLERANCE_SECONDS);
    }
    this.publish(true);
  };

  private startLoop(): void {
    cancelAnimationFrame(this.frame);
    const tick = () => {
      if (this.videos.leader.paused) return;
      this.syncFollower(DRIFT_TOLERANCE_SECONDS);
      this.publish();
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  /** Moves (and starts or stops) the follower to match the leader. */
  private syncFollower(tolerance: number): void {
    const { leader, follower, followerDuration, offsetMs } = this.videos;
    if (!follower) return;
    const correction = correctFollower(
      leader.currentTime,
      follower.currentTime,
      offsetMs,
      followerDuration,
      tolerance,
    );
    const leaderPlaying = !leader.paused && !leader.ended;
    if (correction.kind === 'hold') {
      if (!follower.paused) follower.pause();
      if (Math.abs(follower.currentTime - correction.at) > 0.001) follower.currentTime = correction.at;
      return;
    }
    if (correction.kind === 'seek') follower.currentTime = correction.to;
    if (leaderPlaying && follower.paused) void follower.play().catch(() => undefined);
  }

  /** Tells the screen, at most once per ~frame of movement unless forced. */
  private publish(force = false): void {
    const snapshot = this.snapshot();
    if (!force && Math.abs(snapshot.time - this.lastTime) < 1 / 30) return;
    this.lastTime = snapshot.time;
    this.onChange(snapshot);
  }
}
