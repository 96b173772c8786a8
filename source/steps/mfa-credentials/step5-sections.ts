/**
 * The sections of step 5's screen, in order. Each is a pane of its own: the guardrail
 * (Organizations context, the RequireMFA SCP or the force-MFA policy, its impact), the
 * password policy, the root user's checklist, the retirement of long-lived keys, and the
 * step's whole default plan as every other step shows it.
 */
export type Step5Section = 'guardrail' | 'password' | 'root' | 'keys' | 'all';

/** `short`: the title the tab bar shows when the whole bar and its key hint would not fit the width. */
export const step5Sections: readonly { id: Step5Section; title: string; short?: string }[] = [
	{ id: 'guardrail', title: 'MFA guardrail' },
	{ id: 'password', title: 'Password policy', short: 'Passwords' },
	{ id: 'root', title: 'Root user' },
	{ id: 'keys', title: 'Access keys' },
	{ id: 'all', title: 'All changes' },
];

/** The section `delta` places away, wrapping around. */
export function moveSection(current: Step5Section, delta: 1 | -1): Step5Section {
	const index = step5Sections.findIndex((s) => s.id === current);
	const next = (index + delta + step5Sections.length) % step5Sections.length;
	return step5Sections[next]!.id;
}
