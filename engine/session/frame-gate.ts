import type { Frame } from '../contract/index.js';
import type { HostClock } from './host-clock.js';

/** Builds a frame from the latest state when the gate lets one through. */
export type FrameBuild = (seq: number) => Frame;

/**
 * Coalesces "state changed" notices into at most one frame per `intervalMs` of wall time: the
 * frame is built when it is sent, so it always carries the newest state. `final` bypasses the cap
 * once, for the frame that closes a run.
 */
export type FrameGate = {
  dirty(build: FrameBuild): void;
  final(build: FrameBuild): void;
  /** drop a pending frame (the session it would describe is gone) */
  cancel(): void;
};

export function createFrameGate(clock: HostClock, intervalMs: number, emit: (frame: Frame) => void): FrameGate {
  let seq = 0;
  let last = Number.NEGATIVE_INFINITY;
  let pending: FrameBuild | undefined;
  let cancelTimer: (() => void) | undefined;

  const send = (build: FrameBuild) => {
    last = clock.now();
    emit(build(++seq));
  };
  const fire = () => {
    cancelTimer = undefined;
    if (!pending) return;
    const wait = last + intervalMs - clock.now();
    if (wait > 0) {
      cancelTimer = clock.setTimer(fire, wait);
      return;
    }
    const build = pending;
    pending = undefined;
    send(build);
  };
  const cancel = () => {
    cancelTimer?.();
    cancelTimer = undefined;
    pending = undefined;
  };
  return {
    dirty(build) {
      pending = build;
      if (cancelTimer === undefined) fire();
    },
    final(build) {
      cancel();
      send(build);
    },
    cancel,
  };
}
