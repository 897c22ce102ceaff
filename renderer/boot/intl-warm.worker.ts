/**
 * Runs once, in a worker, as the console starts: a renderer's first `Intl` number or date format
 * loads ICU's data, 30–70 ms here, and that loading is the process's, not the thread's. Done here,
 * the console's first formats on the main thread cost under a millisecond (measured in Chromium 156).
 * Any locale and any zone but UTC will do: what is loaded is shared by all of them.
 */
const locale = (globalThis as { navigator?: { language?: string } }).navigator?.language || undefined;
new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(12345.5);
new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).formatToParts(0);
postMessage('warm');
