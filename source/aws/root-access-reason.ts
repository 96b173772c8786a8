/** Why a member account cannot tell whether centralized root access is enabled: the same words from the live adapter and the sandbox. */
export function rootAccessUnreadReason(code: string, managementAccountId: string): string {
	return `Whether centralized root access is enabled could not be read (${code}): only the management account ${managementAccountId} or IAM's delegated administrator may ask (iam:ListOrganizationsFeatures).`;
}
