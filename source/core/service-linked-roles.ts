/** The service-linked roles step 6 creates: service principal → the role's name and path, as AWS names them. */
export const serviceLinkedRoles: Record<string, { name: string; path: string }> = {
	'config.amazonaws.com': { name: 'AWSServiceRoleForConfig', path: '/aws-service-role/config.amazonaws.com/' },
	'securityhub.amazonaws.com': { name: 'AWSServiceRoleForSecurityHub', path: '/aws-service-role/securityhub.amazonaws.com/' },
};

export function serviceLinkedRoleArn(partition: string, accountId: string, service: string): string | undefined {
	// Own entries only: `toString` and its kind are not services.
	const role = Object.hasOwn(serviceLinkedRoles, service) ? serviceLinkedRoles[service] : undefined;
	return role ? `arn:${partition}:iam::${accountId}:role${role.path}${role.name}` : undefined;
}
