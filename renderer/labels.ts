/** Human labels for the model's names (kept as plain records: the renderer imports model/ as types only). */
export const EXCEPTION_LABELS: Readonly<Record<string, string>> = {
  technical: 'technical',
  'business-rule': 'business rule',
  'data-quality': 'data quality',
};

export const STATUS_LABELS: Readonly<Record<string, string>> = {
  idle: 'Idle — no session',
  running: 'Running',
  paused: 'Paused',
  finished: 'Finished',
};
