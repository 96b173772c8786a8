/**
 * Fixtures kept in this repository, so the suite passes in a clone with nothing beside it.
 * `test/fixtures/` holds AWS's real output shapes (authorization details, credential report)
 * copied from the team's design notes; `test/fixtures-local/` holds hand-written ones.
 */
import { fileURLToPath } from 'node:url';

/** AWS's output shapes: `authorization-details.json`, `credential-report.csv`. */
export function awsFixture(name: string): string {
	return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

/** Hand-written fixtures kept in this repository, under test/fixtures-local. */
export function localFixture(name: string): string {
	return fileURLToPath(new URL(`./fixtures-local/${name}`, import.meta.url));
}
