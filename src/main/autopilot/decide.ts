// Whether the autopilot makes a flight's video now, and why (or why not): a pure rule, so every reason it
// logs can be tested with plain inputs. The reasons are logged as they are, for support reading the log.

export interface FlightChange {
  /** A scene's footage was saved (filmed, filmed again, or recovered) since the last decision. */
  sceneSaved: boolean;
  /** Slot windows changed since the last decision. */
  edited: boolean;
  /** When the newest of those changes was made (ISO, the kiosk's clock). */
  changedAt: string;
}

export interface VideoJobFacts {
  autoMakeVideo: boolean;
  /** The flight's waiting or running video job, if any. */
  active: { status: 'pending' | 'processing'; startedAt: string | null } | null;
  /** When the newest completed video's job started (what it shows was read then); null when none was made. */
  lastVideoStartedAt: string | null;
  /** Why the video cannot be made (a slot without footage, a missing file), or null when it can. */
  footageProblem: string | null;
}

export type VideoDecision =
  | { action: 'queue'; reason: string }
  /** A video is being made from before the change: decide again once it is done. */
  | { action: 'after-running'; reason: string }
  | { action: 'none'; reason: string };

export function decideVideo(change: FlightChange, facts: VideoJobFacts): VideoDecision {
  if (!change.sceneSaved && !change.edited) {
    return { action: 'none', reason: 'nothing that shapes the video changed' };
  }
  if (!facts.autoMakeVideo) {
    return { action: 'none', reason: 'making the video by itself is switched off in Settings' };
  }
  if (facts.active?.status === 'pending') {
    return { action: 'none', reason: 'a waiting video job will show the change' };
  }
  if (facts.active?.status === 'processing') {
    // The job read the flight when it started: after the change, the change is in it.
    if (facts.active.startedAt !== null && facts.active.startedAt > change.changedAt) {
      return { action: 'none', reason: 'the video being made already shows the change' };
    }
    return { action: 'after-running', reason: 'the video being made was started before the change' };
  }
  if (facts.lastVideoStartedAt !== null && facts.lastVideoStartedAt > change.changedAt) {
    return { action: 'none', reason: 'a video made after the change exists' };
  }
  if (!change.sceneSaved && facts.lastVideoStartedAt === null) {
    return { action: 'none', reason: 'no video was made yet, so an edit alone does not make one' };
  }
  if (facts.footageProblem !== null) {
    return { action: 'none', reason: `waiting for footage: ${facts.footageProblem}` };
  }
  return {
    action: 'queue',
    reason: change.sceneSaved
      ? 'every slot has footage after a scene was saved'
      : 'the flight was edited after its video was made',
  };
}
