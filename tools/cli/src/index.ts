export { runCli, type CliIo, EXIT, CLI_VERSION } from './cli.js';
export { parseArgs, UsageError, type CliCommand, type ExtractCommand } from './args.js';
export { toArticleRecord, type ArticleRecord } from './contract.js';
export { formatArticle, formatTable, fitWidths, truncate } from './table.js';
