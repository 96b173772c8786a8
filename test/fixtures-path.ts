/**
 * The shared fixtures live beside the repository (`<repo>/../shared/fixtures`), both here
 * and in CI, where the clone and shared/ are sibling folders.
 */
import { fileURLToPath } from 'node:url';

export function sharedFixture(name: string): string {
	return fileURLToPath(new URL(`../../shared/fixtures/${name}`, import.meta.url));
}

/** Hand-written fixtures kept in this repository, under test/fixtures-local. */
export function localFixture(name: string): string {
	return fileURLToPath(new URL(`./fixtures-local/${name}`, import.meta.url));
}
