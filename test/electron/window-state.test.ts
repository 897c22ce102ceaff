import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, windowBoundsFrom, windowStateOf } from '../../electron/window-state.js';

/** The desktop window opens where it was closed, unless that is no longer on a display. */
const laptop = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
// a second monitor to the right of the laptop's
const monitor = { workArea: { x: 1920, y: 0, width: 2560, height: 1400 } };

describe('where the desktop window opens', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(windowBoundsFrom(undefined, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('opens where it was closed', () => {
    const saved = { x: 2100, y: 120, width: 1600, height: 1000, maximized: false };
    expect(windowBoundsFrom(saved, [laptop, monitor])).toEqual(saved);
  });

  it('comes back maximized on the display it was on', () => {
    const saved = { x: 2000, y: 50, width: 1400, height: 900, maximized: true };
    expect(windowBoundsFrom(saved, [laptop, monitor])).toEqual(saved);
  });

  it('opens at the default size on the first display when its monitor was unplugged', () => {
    const saved = { x: 2100, y: 120, width: 1600, height: 1000, maximized: true };
    expect(windowBoundsFrom(saved, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: true });
  });

  it('is shrunk and moved onto its display when that became smaller', () => {
    const small = { workArea: { x: 0, y: 0, width: 1280, height: 760 } };
    const saved = { x: 300, y: 100, width: 1800, height: 1000, maximized: false };
    expect(windowBoundsFrom(saved, [small])).toEqual({ x: 0, y: 0, width: 1280, height: 760, maximized: false });
  });

  it('is pulled back onto the display when only part of its title bar is on it', () => {
    const saved = { x: -300, y: 200, width: 1000, height: 700, maximized: false };
    expect(windowBoundsFrom(saved, [laptop])).toEqual({ x: 0, y: 200, width: 1000, height: 700, maximized: false });
    // with its title bar above every display it cannot be grabbed: the default instead
    expect(windowBoundsFrom({ ...saved, x: 100, y: -500 }, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('fits the default size to a display smaller than it', () => {
    expect(windowBoundsFrom(undefined, [{ workArea: { x: 0, y: 0, width: 1024, height: 700 } }])).toEqual({ width: 1024, height: 700, maximized: false });
  });

  it('saves whole pixels and whether it was maximized', () => {
    expect(windowStateOf({ x: 10.4, y: 20.6, width: 1200.2, height: 800.7 }, true)).toEqual({ x: 10, y: 21, width: 1200, height: 801, maximized: true });
  });
});
