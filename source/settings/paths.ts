/**
 * Where iam-wizard keeps its files: XDG locations under one name (`iam-wizard`), as
 * env-paths (which conf uses) gives them with no suffix. Read at call time so tests and
 * scripts can point HOME / XDG_* somewhere else.
 */
import envPaths from 'env-paths';
import { join } from 'node:path';

export interface AppPaths {
	/** Settings (conf's config.json) and keys/. */
	config: string;
	/** Sandbox state and caches. */
	data: string;
	/** Default change-log directory. */
	logs: string;
	/** The signing key pair. */
	keys: string;
}

export function appPaths(): AppPaths {
	const paths = envPaths('iam-wizard', { suffix: '' });
	return {
		config: paths.config,
		data: paths.data,
		logs: join(paths.log, 'logs'),
		keys: join(paths.config, 'keys'),
	};
}
