/** The shared vocabulary of Linesight. Imports nothing of ours. */
export * from './names.js';
export * from './event.js';
export * from './interfaces.js';
export * from './duration.js';
export * from './uom.js';
export * from './plant.js';
export * from './scenario.js';
export * from './ledger.js';
export * from './decode.js';
export * from './payloads.js';
export * from './expectation.js';
export * from './check-rules.js';
export * from './schema-versions.js';
export * from './periods.js';
export * from './shifts.js';
export * from './instant.js';
export * from './sequence.js';
