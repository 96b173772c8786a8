/**
 * The output formats each command accepts. Kept apart from the commands themselves so the
 * argument parser (and `--help`, `--version`) can name them without loading the AWS SDK.
 */
export const scanFormats = ['json', 'table', 'md', 'sarif', 'csv'] as const;
export const planFormats = ['text', 'md'] as const;
export const inventoryFormats = ['csv', 'json'] as const;
export const queryFormats = ['table', 'json'] as const;
