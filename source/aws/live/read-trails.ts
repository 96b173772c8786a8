/** CloudTrail trails for policy generation: DescribeTrails, shadow trails of other regions included. */
import { DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import type { Trail } from '../gateway.js';
import type { AwsCaller } from './aws-caller.js';

export async function readTrails(caller: AwsCaller): Promise<Trail[]> {
	const output = await caller.send('cloudtrail', new DescribeTrailsCommand({ includeShadowTrails: true }));
	return (output.trailList ?? []).flatMap((trail): Trail[] => {
		if (!trail.TrailARN || !trail.Name) return [];
		return [
			{
				name: trail.Name,
				arn: trail.TrailARN,
				...(trail.HomeRegion ? { homeRegion: trail.HomeRegion } : {}),
				...(trail.IsMultiRegionTrail !== undefined ? { isMultiRegionTrail: trail.IsMultiRegionTrail } : {}),
			},
		];
	});
}
