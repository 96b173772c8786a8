/**
 * The mark that ties a role to the IAM user whose workload it replaces: a tag on the role,
 * set when iam-wizard creates it. The migration's state is read back from the account
 * itself (the tagged role, its RoleLastUsed, the user's key), so it survives machines and sessions.
 */
export const migrationTagKey = 'iam-wizard:migrates-user';

/** The user a role was made for, from its tags. */
export function migratedUserOf(role: { tags: { Key: string; Value: string }[] }): string | undefined {
	return role.tags.find((t) => t.Key === migrationTagKey)?.Value;
}
