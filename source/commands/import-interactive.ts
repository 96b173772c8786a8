/**
 * Ink decides once, when it loads, whether it runs "in CI" (the CI or CONTINUOUS_INTEGRATION
 * variable set): there it draws nothing until the app exits. The wizard only runs in a
 * terminal (terminal-guard refuses anything else), and a developer shell or container that
 * happens to export CI=true would show a frozen screen. So the wizard's modules load with
 * those variables hidden, and the environment is given back as it was once they have loaded.
 */
const ciVariables = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

export async function importInteractive<T>(load: () => Promise<T>, env: NodeJS.ProcessEnv = process.env): Promise<T> {
	const saved = ciVariables.map((name) => [name, env[name]] as const);
	for (const [name] of saved) delete env[name];
	try {
		return await load();
	} finally {
		for (const [name, value] of saved) if (value !== undefined) env[name] = value;
	}
}
