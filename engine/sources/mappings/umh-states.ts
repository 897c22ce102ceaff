/**
 * The UMH data model's machine states ("Available states for assets"): a number whose range is
 * the OEE bucket. 10000–29999 is producing; everything else is some kind of stop.
 */
const NAMED: Readonly<Record<number, string>> = {
  10000: 'ProducingAtFullSpeedState',
  20000: 'ProducingAtLowerThanFullSpeedState',
  30000: 'UnknownState',
  40000: 'UnspecifiedStopState',
  50000: 'MicrostopState',
  60000: 'InletJamState',
  70000: 'OutletJamState',
  80000: 'CongestionBypassState',
  90000: 'MaterialIssueOtherState',
  100000: 'ChangeoverState',
  110000: 'CleaningState',
  120000: 'EmptyingState',
  130000: 'SettingUpState',
  140000: 'OperatorNotAtMachineState',
  150000: 'OperatorBreakState',
  160000: 'NoShiftState',
  170000: 'NoOrderState',
  180000: 'EquipmentFailureState',
  190000: 'ExternalFailureState',
  200000: 'ExternalInterferenceState',
  210000: 'PreventiveMaintenanceStop',
  220000: 'TechnicalOtherStop',
};

// the documented bucket ranges; a code between named states takes its bucket's name
const BUCKETS: readonly [number, string][] = [
  [10000, 'active'],
  [30000, 'unknown'],
  [60000, 'material'],
  [100000, 'process'],
  [140000, 'operator'],
  [160000, 'planning'],
  [180000, 'technical'],
  [230000, 'unspecified'],
];

/** True for the states in which the asset produces (no downtime). */
export function isRunning(state: number): boolean {
  return state >= 10000 && state <= 29999;
}

/** The downtime reason Linesight shows for a state: its UMH name and code. */
export function stateReason(state: number): string {
  const named = NAMED[state];
  if (named) return `${named} (${state})`;
  let bucket = 'unspecified';
  for (const [from, name] of BUCKETS) if (state >= from) bucket = name;
  return `${bucket} stop (${state})`;
}
