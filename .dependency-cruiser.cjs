/**
 * The walls between layers, checked by dependency-cruiser in `npm run lint`
 * (README "Code map"): the domain is pure and stands alone; adapters know the ports
 * and the domain, never a use case; nothing shipped depends on the tests; no cycles.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-stands-alone',
      comment: 'src/domain is pure rules: it imports only src/domain and npm packages.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^node_modules/'] },
    },
    {
      name: 'adapters-know-only-ports',
      comment:
        'An adapter implements ports (src/app/ports.ts) with Apps Script; it never imports a use case.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/app/', pathNot: '^src/app/ports\\.ts$' },
    },
    {
      name: 'app-is-not-an-adapter',
      comment: 'Use cases run over ports; only src/index.ts builds the real adapters.',
      severity: 'error',
      from: { path: '^src/(app|domain)/' },
      to: { path: '^src/(adapters|index)' },
    },
    {
      name: 'src-never-imports-test',
      comment: 'Nothing shipped in dist/Code.js may depend on test code or scripts.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|scripts)/' },
    },
    {
      name: 'no-cycles',
      comment: 'Modules form a graph without cycles (type-only imports count too).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
