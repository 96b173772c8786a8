/**
 * Why centralized root access could not be read: the same words from the live adapter and the
 * sandbox. A member account (AccountNotManagementOrDelegatedAdministratorException, or a
 * denial) is told who may ask; any other error is named as it is.
 */
export function rootAccessUnreadReason(code: string, managementAccountId: string): string {
	const whoMayAsk = code === 'AccountNotManagementOrDelegatedAdministratorException' || /AccessDenied/.test(code);
	return whoMayAsk
		? `Whether centralized root access is enabled could not be read (${code}): only the management account ${managementAccountId} or IAM's delegated administrator may ask (iam:ListOrganizationsFeatures).`
		: `Whether centralized root access is enabled could not be read: iam:ListOrganizationsFeatures failed with ${code}.`;
}
