/** Layers of ARCHITECTURE.md §4: http → graph → agents → tools, retrieval → domain ← adapters. */
const layer = (name, from, allowed) => ({
  name,
  severity: 'error',
  comment: `${from} may import only ${allowed.join(', ')}`,
  from: { path: from, pathNot: '\\.test\\.ts$' },
  to: { path: '^(src|agents|tools|graph|retrieval|sandbox|test|evals|bench)/', pathNot: allowed },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    layer('domain-is-innermost', '^src/domain/', ['^src/domain/']),
    layer('tools', '^tools/', ['^tools/', '^src/domain/']),
    layer('retrieval', '^retrieval/', ['^retrieval/', '^src/domain/']),
    layer('agents', '^agents/', ['^agents/', '^tools/', '^retrieval/', '^src/domain/']),
    layer('graph', '^graph/', ['^graph/', '^agents/', '^tools/', '^retrieval/', '^src/domain/']),
    layer('adapters', '^src/adapters/', ['^src/adapters/', '^src/domain/', '^src/config\\.ts$']),
    layer('http', '^src/http/', ['^src/http/', '^graph/', '^src/domain/']),
    layer('runtime', '^src/runtime/', ['^src/runtime/', '^graph/', '^src/domain/']),
    layer('config', '^src/config\\.ts$', ['^src/domain/']),
    layer('sandbox-speaks-http-only', '^sandbox/', ['^sandbox/']),
    {
      name: 'evals-never-import-tests',
      severity: 'error',
      comment: 'ARCHITECTURE §4: evals may import anything but test/',
      from: { path: '^evals/' },
      to: { path: '^test/' },
    },
    {
      name: 'production-never-imports-tests',
      severity: 'error',
      from: {
        path: '^(src|agents|tools|graph|retrieval|sandbox)/',
        pathNot: ['\\.test\\.ts$', '^src/cli/eval-command\\.ts$'],
      },
      to: { path: '^(test|evals|bench)/' },
    },
    {
      name: 'eval-command-imports-no-tests',
      severity: 'error',
      comment:
        'the eval command (the one production file allowed to import evals/) imports no tests',
      from: { path: '^src/cli/eval-command\\.ts$' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
