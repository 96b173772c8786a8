/**
 * The gateway and change log of the session, for the step screens' own reads (last-accessed
 * data, analyzer findings, trails…), their attestations, and the batches they compose: the
 * shell provides them once, where it creates the step machines; the machines themselves hold
 * no gateway or log in their context (they reach them through provided actors).
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { StepServices } from '../wizard/step-machine-types.js';

const StepServicesContext = createContext<StepServices | null>(null);

export function StepServicesProvider({ services, children }: { services: StepServices; children: ReactNode }) {
	return <StepServicesContext.Provider value={services}>{children}</StepServicesContext.Provider>;
}

/** The session's gateway and change log; only inside a StepServicesProvider (the shell is one). */
export function useStepServices(): StepServices {
	const services = useContext(StepServicesContext);
	if (!services) throw new Error('useStepServices: render step screens inside a <StepServicesProvider> (the App provides one)');
	return services;
}
