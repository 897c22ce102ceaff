/**
 * Layer arrows, checked in CI (`npm run lint:layers`): between the top-level folders as the root
 * README's "How the code is laid out" says, and inside engine/ as engine/README.md's "Layers inside
 * engine/" says. Keep the tables there and the rules here in step.
 */
const layer = (name, allowed) => ({
  name: `${name}-imports-only-${allowed.join('-') || 'nothing'}`,
  severity: 'error',
  comment: `${name}/ may import only: ${allowed.join(', ') || 'nothing of ours'}`,
  from: { path: `^${name}/` },
  to: {
    path: '^(model|simulator|monitor|engine|cli|electron|renderer)/',
    pathNot: [`^${name}/`, ...allowed.map((a) => `^${a}/`)],
  },
});

/**
 * Inside engine/, arrows point down: contract ← journal ← sources ← session ← api, with report/
 * and imports/ beside session/, and training/ above session/ and report/ (it runs and scores exercises). Leaves anyone in engine/ may import: host/ (the config directory,
 * path confinement), expect/ (scenario expectations), and the files at engine/'s top
 * (worker-script.ts, yaml-*.ts, json-syntax.ts — not index.ts, the engine's public face, which may
 * import anything).
 */
const LEAVES = ['host', 'expect'];
const TOP_FILES = '^engine/(?!index\\.ts$)[^/]+\\.ts$';
const inner = (name, allowed, extraPathNot = []) => ({
  name: `engine-${name}-imports-only-${allowed.join('-') || 'leaves'}`,
  severity: 'error',
  comment: `engine/${name}/ may import only engine/ ${[...allowed, ...LEAVES].join(', ')} and the files at engine/'s top`,
  from: { path: `^engine/${name}/` },
  to: {
    path: '^engine/',
    pathNot: [`^engine/${name}/`, ...[...allowed, ...LEAVES].map((a) => `^engine/${a}/`), TOP_FILES, ...extraPathNot],
  },
});

module.exports = {
  forbidden: [
    layer('model', []),
    layer('simulator', ['model']),
    layer('monitor', ['model']),
    layer('engine', ['model', 'simulator', 'monitor']),
    layer('cli', ['engine']),
    layer('electron', ['engine']),
    {
      name: 'renderer-imports-only-model-engine-contract',
      severity: 'error',
      comment: 'renderer/ talks to the engine only through LinesightApi: engine/contract/ (which imports nothing of the engine) and model/ types',
      from: { path: '^renderer/' },
      to: { path: '^(simulator|monitor|cli|electron)/|^engine/(?!contract/)' },
    },
    {
      name: 'renderer-imports-model-types-only',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^model/', dependencyTypesNot: ['type-only'] },
    },

    // inside engine/
    {
      name: 'engine-contract-imports-nothing-of-engine',
      severity: 'error',
      comment: 'engine/contract/ is the bottom: types (and the one list API_CALLS), importing only types of model/ and monitor/',
      from: { path: '^engine/contract/' },
      to: { path: '^(engine/(?!contract/)|simulator/|cli/|electron/|renderer/)' },
    },
    {
      name: 'engine-contract-imports-types-only',
      severity: 'error',
      from: { path: '^engine/contract/' },
      to: { path: '^(model|monitor)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'engine-leaves-import-only-leaves',
      severity: 'error',
      comment: `engine/${LEAVES.join('/, engine/')}/ and the files at engine/'s top import nothing else of the engine`,
      from: { path: [`^engine/(${LEAVES.join('|')})/`, TOP_FILES].join('|') },
      to: { path: '^engine/', pathNot: [...LEAVES.map((a) => `^engine/${a}/`), TOP_FILES] },
    },
    inner('scenario', ['contract']),
    inner('journal', ['contract']),
    inner('sources', ['journal', 'contract']),
    inner('imports', ['sources', 'journal', 'contract']),
    inner('report', ['scenario', 'journal', 'contract']),
    inner('session', ['sources', 'scenario', 'journal', 'contract']),
    inner('training', ['session', 'report', 'scenario', 'journal', 'contract']),
    inner('api', ['session', 'report', 'training', 'imports', 'sources', 'scenario', 'journal', 'contract']),
    {
      name: 'engine-journal-scenario-sources-know-no-simulator-or-monitor',
      severity: 'error',
      comment: 'journal/ knows SQL, scenario/ the scenario files, sources/ the outside world: none of them runs the simulator or the monitor',
      from: { path: '^engine/(journal|scenario|sources)/' },
      to: { path: '^(simulator|monitor)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
