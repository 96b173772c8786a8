// Imported first by the CLI: React picks its development or production build when it is
// first loaded, and the development build deep-compares large props on every render
// (10,000-row lists). Tests and `NODE_ENV=development tsx source/cli.tsx` keep the checks;
// the bundle (scripts/build.mjs) carries the production builds only and sets it for the
// libraries that read it at run time.
const env: Record<string, string | undefined> = process.env;
env.NODE_ENV ??= 'production';
