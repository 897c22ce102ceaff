/** Scenario files: find, parse, validate and resolve them into model `Scenario`s. */
export { loadScenario, listBundledScenarios, loadPlantModel, type BundledScenario } from './load.js';
export type { ScenarioOverrides } from './resolve.js';
export { ScenarioError, type ScenarioProblem } from './scenario-error.js';
export { checkPlantModel, currentRouting, compareRevisions, type PlantProblem } from './plant-check.js';
export { DEFAULT_ERP, DEFAULT_ORDERS, DEFAULT_PLANT, ENTRY_FAULTS, FAULT_FILE_PARAMS, MAX_PARTIALS, ORDER_FAULTS, WINDOWED_FAULTS } from './defaults.js';
export type { ScenarioFile, FaultEntry } from './scenario-file.js';
export { resourcesDir } from './resources.js';
export { defaultRules, loadRules } from './rules-file.js';
