/** The one duration grammar: a non-negative number followed by `ms`, `s`, `m`, `h` or `d` (e.g. `90s`, `1.5h`). */
export const DURATION_PATTERN = '^(0|[0-9]+(\\.[0-9]+)?)(ms|s|m|h|d)$';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const RE = new RegExp(DURATION_PATTERN);

/** Parse a duration to milliseconds; returns undefined when it does not follow the grammar. */
export function parseDuration(text: string): number | undefined {
  const m = RE.exec(text.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * UNIT_MS[m[3]!]!);
}

/** Format milliseconds in the largest unit that keeps it readable (`90000` → `1.5m`). */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1_000]] as const) {
    if (ms >= size) return `${+(ms / size).toFixed(2)}${unit}`;
  }
  return `${ms}ms`;
}
