import { CAPABILITIES, type Capability } from '@llms/contract';

/** Capabilities of a new account that did not ask for any. */
export const DEFAULT_CAPABILITIES: readonly Capability[] = ['STUDENT'];

export function isCapability(value: unknown): value is Capability {
  return (CAPABILITIES as readonly unknown[]).includes(value);
}

/** A valid capability set: a non-empty list of known capabilities, each at most once. */
export function isCapabilityList(value: unknown): value is Capability[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(isCapability) &&
    new Set(value).size === value.length
  );
}

export function hasCapability(
  user: { capabilities: readonly Capability[] },
  capability: Capability,
): boolean {
  return user.capabilities.includes(capability);
}
