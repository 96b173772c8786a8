// Imported first by the CLI: React picks its development or production build when it is
// first loaded, and the development build deep-compares large props on every render
// (10,000-row lists). Tests and `NODE_ENV=development iam-wizard` keep the checks.
process.env.NODE_ENV ??= 'production';
