// The import rules of the layers (README "Architecture"): an import only ever points down this
// list, folders never import each other in a cycle, and the browser UI stays browser code.
// `npm run deps:check` (dependency-cruiser); test/ and bench/ may import anything, so they are
// not scanned.
/** Lowest first. Folders on one line are one layer and may import each other, but not in a cycle. */
const LAYERS = [
  ['core'],
  ['bot'],
  ['intents'],
  ['store'],
  ['jobs', 'events', 'limits'],
  ['pipeline'],
  ['channels', 'handoff', 'training', 'accounts', 'surge', 'freshness'],
  ['server'],
  ['cli'],
];

const folders = (names) => `^(${names.join('|')})/`;

/** One rule per layer: nothing in it imports a folder of a higher layer. */
const upward = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `no-upward-from-${layer.join('-')}`,
  comment: `${layer.join(', ')} may import only lower layers: ${LAYERS.slice(0, index).flat().join(', ') || '(none)'}`,
  severity: 'error',
  from: { path: folders(layer) },
  to: { path: folders(LAYERS.slice(index + 1).flat()) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-folder-cycle',
      comment: 'Folders (at any depth) never import each other in a cycle.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      comment: 'Modules never import each other in a cycle.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'ui-is-browser-code',
      comment:
        'ui/ imports only ui/, the pure bot/, core/ and intents/ modules, the pure rules the staff pages share with the server (handoff priority, ticket rules, queue view names and canned-response variables, the account roles), ' +
        'and npm packages (esbuild bundles it for the browser, which fails on Node built-ins). ' +
        'Type-only imports of the API shapes are erased, so they may come from anywhere.',
      severity: 'error',
      from: { path: '^ui/' },
      to: {
        pathNot: [
          '^ui/',
          '^(bot|core|intents)/',
          '^handoff/(priority|ticket-rules|queue-views|canned-variables)\\.ts$',
          '^accounts/roles\\.ts$',
          'node_modules',
        ],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'nothing-imports-ui',
      comment: 'The server side never imports browser code.',
      severity: 'error',
      from: { pathNot: '^ui/' },
      to: { path: '^ui/' },
    },
    {
      name: 'no-layer-folder-unknown',
      comment: 'Every top-level folder of TypeScript has a place in LAYERS (or is ui/): add new ones to .dependency-cruiser.js.',
      severity: 'error',
      from: { pathNot: [folders([...LAYERS.flat(), 'ui']), 'node_modules'] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|coverage|data|test|bench|scripts|bin)/|^[^/]+\\.[jt]s$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
