/** The behaviours switched on in a reference instance: deliberate faults and conforming variants. */
import type { FaultId } from './faults.ts';
import type { VariantId } from './variants.ts';

export type Switch = FaultId | VariantId;
export type Switches = ReadonlySet<Switch>;
