/**
 * Where the desktop window opens: where it was closed (settings.json's `window`), as long as enough
 * of it would be on a display that is there now; otherwise the default size, centred by Electron.
 * Pure — no Electron import — so it is tested without a display; main.ts passes `screen`'s displays.
 */
import type { WindowState } from '../engine/contract/index.js';

/** A rectangle in screen pixels (Electron's `Rectangle`). */
export type Rect = { readonly x: number; readonly y: number; readonly width: number; readonly height: number };

/** What main.ts needs of a display (Electron's `Display`): the part windows may use. */
export type DisplayArea = { readonly workArea: Rect };

/** The size a window opens at without a saved place (shrunk to the display when smaller). */
export const DEFAULT_SIZE = { width: 1360, height: 900 } as const;
/** Below this the console is not usable: a saved window is never made smaller. */
export const MIN_SIZE = { width: 800, height: 560 } as const;
/** The top strip of a window, where it is dragged from: at least `GRIP` pixels of it must be on a display to put it back there. */
const TITLE_HEIGHT = 40;
const GRIP = 120;

/** Options for `new BrowserWindow`: a place and size (no x/y: Electron centres it), and whether to maximize after. */
export type WindowBounds = { readonly x?: number; readonly y?: number; readonly width: number; readonly height: number; readonly maximized: boolean };

/**
 * The window's bounds from the saved state and the displays now attached. A saved window whose
 * title bar would be off every display (a monitor unplugged, a smaller resolution) opens at the
 * default size on the first display instead; one larger than its display is shrunk and moved onto it.
 */
export function windowBoundsFrom(saved: WindowState | undefined, displays: readonly DisplayArea[]): WindowBounds {
  const primary = displays[0]?.workArea;
  const fallback = (): WindowBounds => ({
    width: primary ? Math.min(DEFAULT_SIZE.width, primary.width) : DEFAULT_SIZE.width,
    height: primary ? Math.min(DEFAULT_SIZE.height, primary.height) : DEFAULT_SIZE.height,
    maximized: saved?.maximized ?? false,
  });
  if (saved === undefined || !usable(saved)) return fallback();
  // the display holding most of the title bar
  const strip = titleBar(saved);
  let home: Rect | undefined;
  let best = 0;
  for (const { workArea } of displays) {
    const shown = overlap(strip, workArea);
    if (shown > best) [home, best] = [workArea, shown];
  }
  if (home === undefined || best < Math.min(GRIP, saved.width) * Math.min(TITLE_HEIGHT, saved.height)) return fallback();
  const width = clamp(saved.width, Math.min(MIN_SIZE.width, home.width), home.width);
  const height = clamp(saved.height, Math.min(MIN_SIZE.height, home.height), home.height);
  return {
    x: clamp(saved.x, home.x, home.x + home.width - width),
    y: clamp(saved.y, home.y, home.y + home.height - height),
    width,
    height,
    maximized: saved.maximized,
  };
}

/**
 * What to save when the window closes: its normal (not maximized) bounds — `getNormalBounds()` —
 * and whether it was maximized, so a maximized window comes back maximized on the same display.
 */
export function windowStateOf(normal: Rect, maximized: boolean): WindowState {
  return { x: Math.round(normal.x), y: Math.round(normal.y), width: Math.round(normal.width), height: Math.round(normal.height), maximized };
}

function usable(s: WindowState): boolean {
  return [s.x, s.y, s.width, s.height].every(Number.isFinite) && s.width > 0 && s.height > 0;
}

/** The top strip of the window, where it is dragged from. */
function titleBar(s: WindowState): Rect {
  return { x: s.x, y: s.y, width: s.width, height: Math.min(s.height, TITLE_HEIGHT) };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(v, Math.max(lo, hi)));
}
