// A JSON import, so the bundler inlines the name and version and no file is read at start.
import pkg from '../package.json' with { type: 'json' };

export const toolName: string = pkg.name;
export const toolVersion: string = pkg.version;
