/**
 * The global entry points dist/Code.js declares today. The public contract
 * (shared/ARCHITECTURE.md, section 1) names six; add each here as src/index.ts gains
 * it. bundle-shape.test.ts checks that every name listed is a top-level function of
 * the bundle and that the bundle declares no other global function.
 */

/** Every entry point the contract allows, in the contract's order. */
export const CONTRACT_ENTRY_POINTS = ['onOpen', 'setup', 'onFormSubmit', 'runSlaSweep', 'doPost', 'doGet'] as const;

export type EntryPoint = (typeof CONTRACT_ENTRY_POINTS)[number];

/** The entry points implemented so far. */
export const ENTRY_POINTS: readonly EntryPoint[] = ['onOpen', 'setup', 'onFormSubmit', 'runSlaSweep', 'doPost', 'doGet'];
