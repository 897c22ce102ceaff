/**
 * The simulator: a seeded, virtual-time plant (ERP, MES per line, WMS, QMS) talking through a
 * modeled integration layer, with injectable faults. Imports only `model/`.
 */
export type { SimOutput, Simulation } from './output.js';
export { createSimulation } from './simulation.js';
export { fixedControlReason, OperatorError, resendProblems, type ActResult, type OperatorCommand } from './operator/operator.js';
