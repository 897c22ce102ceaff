/** The posting-period part of the monitor's state (periods.ts keeps it up to date); apart so state.ts need not import a projection. */

/** A posting period ERP announced closing (`erp.period.closed`), per plant. */
export type PeriodRec = {
  readonly period: string;
  readonly fromMs: number;
  readonly toMs: number;
  closedAt: number;
  /** when ERP reopened it (`erp.period.reopened`), +∞ while closed */
  reopenedAt: number;
};

/**
 * What the monitor knows of ERP's posting periods, learned from ERP's announcements only: the
 * periods closed per plant, the posting dates messages gave explicitly (`postingDate`, until ERP
 * posts or refuses them; others are dated by their time), and per line (`plant/line`) the business
 * keys posted late — dated in a period that was already closed when ERP got them, whether ERP
 * refused them for it or posted them after a reopen.
 */
export type PeriodsState = {
  readonly closes: Map<string, PeriodRec[]>;
  readonly dated: Map<string, number>;
  readonly late: Map<string, Set<string>>;
};

export function createPeriods(): PeriodsState {
  return { closes: new Map(), dated: new Map(), late: new Map() };
}
