/**
 * The workloads that run with an IAM role, which IAM data does not show: a Lambda function,
 * an EC2 instance (through its instance profile), a CloudFormation stack, a CodeBuild
 * project. Escalation methods that act through such a resource (UpdateFunctionCode,
 * SSMSendCommand, …) reach only the roles that have one. Part of the account model
 * (source/core/model.ts re-exports it).
 */

/** One resource that runs with a role. */
export interface RoleWorkload {
	/** The service principal the role is used by: lambda.amazonaws.com, ec2.amazonaws.com, cloudformation.amazonaws.com, codebuild.amazonaws.com. */
	service: string;
	/** The function's, instance's, stack's or project's ARN: what the method's request acts on. */
	resourceArn: string;
	roleArn: string;
}

/** A service whose workloads were not read, and why (one sentence an operator can act on). */
export interface UnreadWorkloads {
	service: string;
	reason: string;
}

export interface RoleWorkloads {
	/** The region they were read in: a workload in another region is not among them. */
	region: string;
	/** Services whose workloads were read completely (in `region`). */
	read: string[];
	/** Services not read: their paths stay "if such a resource exists". */
	unread: UnreadWorkloads[];
	/** The workloads of the services read. */
	workloads: RoleWorkload[];
}
