import { sql as initial } from './0001-initial.js';
import { sql as eventsTime } from './0002-events-time.js';
import { sql as outbox } from './0003-outbox.js';
import { sql as sessionAdmin } from './0004-session-admin.js';
import { sql as retained } from './0005-retained.js';
import { sql as importWarnings } from './0006-import-warnings.js';
import { sql as faultWindows } from './0007-fault-windows.js';
import { sql as sessionOwners } from './0008-session-owners.js';
import { sql as connectionOutages } from './0009-connection-outages.js';
import { sql as trainingRuns } from './0010-training-runs.js';
import { sql as auditLog } from './0011-audit-log.js';
import { sql as sessionChecks } from './0012-session-checks.js';

/** One shipped schema step. `name` is recorded in the `migrations` table; never rename or edit a shipped one. */
export type Migration = { readonly name: string; readonly sql: string };

/**
 * Every shipped migration, in order. SQL lives in TS modules (not .sql files) because the build is
 * `tsc` only: a module is found the same way from the sources (vitest) and from `dist/`.
 */
export const MIGRATIONS: readonly Migration[] = [
  { name: '0001-initial', sql: initial },
  { name: '0002-events-time', sql: eventsTime },
  { name: '0003-outbox', sql: outbox },
  { name: '0004-session-admin', sql: sessionAdmin },
  { name: '0005-retained', sql: retained },
  { name: '0006-import-warnings', sql: importWarnings },
  { name: '0007-fault-windows', sql: faultWindows },
  { name: '0008-session-owners', sql: sessionOwners },
  { name: '0009-connection-outages', sql: connectionOutages },
  { name: '0010-training-runs', sql: trainingRuns },
  { name: '0011-audit-log', sql: auditLog },
  { name: '0012-session-checks', sql: sessionChecks },
];
