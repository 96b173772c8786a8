/**
 * Follows one policy generation job: polls the gateway until the job leaves IN_PROGRESS,
 * then keeps the generated policy (the `save` given, the settings cache in the wizard).
 * The wait between polls is injected, so tests poll without sleeping.
 */
import { assign, fromCallback, setup } from 'xstate';
import type { AwsGateway, PolicyGenerationJob } from '../../aws/gateway.js';
import type { GeneratedPolicyEntry } from '../../settings/generated-policies.js';

export interface GenerationInput {
	gateway: AwsGateway;
	jobId: string;
	principalArn: string;
	trailArn?: string;
	window?: { start: string; end: string };
	now: () => Date;
	save: (entry: GeneratedPolicyEntry) => void;
	sleep?: (ms: number) => Promise<void>;
	pollMs?: number;
}

type PollEvent = { type: 'JOB'; job: PolicyGenerationJob } | { type: 'POLL_FAILED'; message: string };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const jobPoller = fromCallback<PollEvent, GenerationInput>(({ input, sendBack }) => {
	let live = true;
	(async () => {
		const get = input.gateway.getPolicyGeneration?.bind(input.gateway);
		if (!get) throw new Error('This account source cannot read policy generation jobs.');
		for (;;) {
			const job = await get(input.jobId);
			if (!live) return;
			sendBack({ type: 'JOB', job });
			if (job.status !== 'IN_PROGRESS') return;
			await (input.sleep ?? defaultSleep)(input.pollMs ?? 3000);
			if (!live) return;
		}
	})().catch((error: unknown) => {
		if (live) sendBack({ type: 'POLL_FAILED', message: error instanceof Error ? error.message : String(error) });
	});
	return () => {
		live = false;
	};
});

export interface GenerationContext {
	input: GenerationInput;
	job: PolicyGenerationJob | null;
	polls: number;
	error: string | null;
	saved: GeneratedPolicyEntry | null;
}

export function createGenerationMachine() {
	return setup({
		types: { input: {} as GenerationInput, context: {} as GenerationContext, events: {} as PollEvent },
		actors: { jobPoller },
	}).createMachine({
		id: 'policyGeneration',
		context: ({ input }) => ({ input, job: null, polls: 0, error: null, saved: null }),
		initial: 'polling',
		states: {
			polling: {
				invoke: { src: 'jobPoller', input: ({ context }) => context.input },
				on: {
					JOB: [
						{
							guard: ({ event }) => event.job.status === 'SUCCEEDED' && event.job.policy !== undefined,
							target: 'succeeded',
							actions: assign(({ context, event }) => {
								const { input } = context;
								const entry: GeneratedPolicyEntry = {
									jobId: input.jobId,
									principalArn: event.job.principalArn ?? input.principalArn,
									document: event.job.policy!,
									createdAt: event.job.completedOn ?? input.now().toISOString(),
									...(input.trailArn ? { trailArn: input.trailArn } : {}),
									...(input.window ? { window: input.window } : {}),
								};
								return { job: event.job, polls: context.polls + 1, saved: entry };
							}),
						},
						{ guard: ({ event }) => event.job.status === 'IN_PROGRESS', actions: assign({ job: ({ event }) => event.job, polls: ({ context }) => context.polls + 1 }) },
						{
							target: 'failed',
							actions: assign({
								job: ({ event }) => event.job,
								error: ({ event }) => event.job.error ?? `The job ended ${event.job.status}${event.job.status === 'SUCCEEDED' ? ' without a policy' : ''}.`,
							}),
						},
					],
					POLL_FAILED: { target: 'failed', actions: assign({ error: ({ event }) => event.message }) },
				},
			},
			// Kept once, on arrival: the cache is what step 3 reads.
			succeeded: { type: 'final', entry: ({ context }) => context.input.save(context.saved!) },
			failed: { type: 'final' },
		},
	});
}
