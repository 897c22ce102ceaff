/** Layer arrows of ../shared/ARCHITECTURE.md, checked in CI (`npm run lint:layers`). */
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

module.exports = {
  forbidden: [
    layer('model', []),
    layer('simulator', ['model']),
    layer('monitor', ['model']),
    layer('engine', ['model', 'simulator', 'monitor']),
    layer('cli', ['engine']),
    layer('electron', ['engine']),
    {
      name: 'renderer-imports-types-only',
      severity: 'error',
      comment: 'renderer/ talks to the engine only through LinesightApi: model/ and engine/api as `import type`',
      from: { path: '^renderer/' },
      to: { path: '^(model|simulator|monitor|engine|cli|electron)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'renderer-imports-only-model-engine-api',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(simulator|monitor|cli|electron)/|^engine/(?!api/)' },
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
