/** How many copies to send and when: the injector's numeric options, their presets and their checks (pure). */

/** What the inputs hold (text, so a half-typed number survives a re-render). */
export type SendOptionsForm = { readonly count: string; readonly spacingMs: string; readonly delayMs: string };

export type SendOptions = { readonly count: number; readonly spacingMs: number; readonly delayMs: number };

/** The most copies one `operator.inject` call sends (the contract's limit). */
export const MAX_COUNT = 1000;

/** How long "send out of order" holds the message back: long enough for later messages to overtake it. */
export const OUT_OF_ORDER_DELAY_MS = 30_000;

export type Preset = { readonly id: string; readonly label: string; readonly options: SendOptionsForm };

export const PRESETS: readonly Preset[] = [
  { id: 'duplicate', label: 'Duplicate this', options: { count: '1', spacingMs: '0', delayMs: '0' } },
  { id: 'out-of-order', label: 'Send out of order', options: { count: '1', spacingMs: '0', delayMs: String(OUT_OF_ORDER_DELAY_MS) } },
  { id: 'burst', label: 'Send 100 with 50 ms spacing', options: { count: '100', spacingMs: '50', delayMs: '0' } },
];

export const DEFAULT_OPTIONS: SendOptionsForm = { count: '1', spacingMs: '0', delayMs: '0' };

/** The preset the options match, if any (its button shows as pressed). */
export const presetOf = (o: SendOptionsForm): Preset | undefined =>
  PRESETS.find((p) => p.options.count === o.count && p.options.spacingMs === o.spacingMs && p.options.delayMs === o.delayMs);

const wholeNumber = (text: string): number | null => {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
};

/** The options as numbers, or the problems that keep them from being sent. */
export function parseSendOptions(o: SendOptionsForm): { readonly options: SendOptions | null; readonly problems: readonly string[] } {
  const problems: string[] = [];
  const count = wholeNumber(o.count);
  const spacingMs = wholeNumber(o.spacingMs);
  const delayMs = wholeNumber(o.delayMs);
  if (count === null || count < 1 || count > MAX_COUNT) problems.push(`count must be a whole number from 1 to ${MAX_COUNT}`);
  if (spacingMs === null) problems.push('spacing must be a whole number of milliseconds ≥ 0');
  if (delayMs === null) problems.push('delay must be a whole number of milliseconds ≥ 0');
  if (count === null || spacingMs === null || delayMs === null || problems.length > 0) return { options: null, problems };
  return { options: { count, spacingMs, delayMs }, problems };
}
