// Dependency rules checked by `npm run depcruise` (part of `npm run lint`): no import cycles, and
// libs/domain's stages point one way — text ← extraction ← events ← projection, never back.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import cycle couples modules that should be read (and replaced) apart.', from: {}, to: { circular: true } },
    {
      name: 'text-is-first',
      severity: 'error',
      comment: 'Text stages (article, HTML, sentences, dates) know nothing of extraction, events or projection.',
      from: { path: '^libs/domain/src/text/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/domain/src/(extraction|events|projection)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'projection-does-not-extract',
      severity: 'error',
      comment: 'The projector folds events; it does not read articles (the date helpers and the lexicon it may share).',
      from: { path: '^libs/domain/src/projection/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/domain/src/(text/(article|html|markdown|sentences)|extraction/(rounds|demands|responses|extractor|analysis|officials|gazetteer))' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Prisma's generated client is not ours (and is cyclic by design).
    exclude: { path: '(^|/)dist/|node_modules|libs/infra/src/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
