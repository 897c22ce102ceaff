/** The engine: runs sessions (simulator → journal → monitor) and answers what the CLI and UI ask. */
export { runSimulation, type RunOptions, type RunProgress, type RunResult } from './session/run-simulation.js';
export { buildRunReport } from './report/build-report.js';
export type { RunReport } from './report/report.js';
export { loadScenario, listBundledScenarios, ScenarioError } from './scenario/index.js';
export { formatDuration } from '../model/index.js';
export type * from './api/contract.js';
export { createLocalApi, type LocalApi, type LocalApiOptions } from './api/local-api.js';
export { startLiveSession, checkSpeed, type LiveSession, type LiveSessionOptions } from './session/live-session.js';
export { systemClock, type HostClock } from './session/host-clock.js';
export type * from './api/wire.js';
export { dispatch, checkCall, parseRequest, errorReply, DispatchError, type CallKind, type Parsed } from './api/dispatch.js';
export { startEngineWorker, type EngineWorker, type EngineWorkerOptions } from './api/worker-host.js';
export { isBrokerUrl } from './sources/mqtt/broker-connection.js';
export { ConnectionsError, loadConnections, parseConnections, passwordVariable } from './sources/mqtt/connections-file.js';
export { startEmbeddedBroker, type EmbeddedBroker } from './sources/broker/embedded-broker.js';
export { EmbeddedBrokerError, isLoopbackAddress, DEFAULT_BROKER_PORT, type EmbeddedBrokerOptions } from './sources/broker/broker-options.js';
export type { BrokerStatus } from './sources/broker/broker-protocol.js';
export { MappingError } from './sources/mappings/index.js';
