/** A count and its noun, singular for one: `plural(1, 'hop')` is "1 hop", `plural(3, 'person', 'people')` "3 people". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
	return `${count} ${count === 1 ? singular : pluralForm}`;
}
