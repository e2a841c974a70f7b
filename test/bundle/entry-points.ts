/**
 * The global functions dist/Code.js declares: the six entry points of the public
 * contract (shared/ARCHITECTURE.md, section 1), plus the menu actions, which Apps
 * Script can only call as global functions. bundle-shape.test.ts checks that every
 * name listed is a top-level function of the bundle and that it declares no other.
 */

/** Every entry point the contract names, in the contract's order. */
export const CONTRACT_ENTRY_POINTS = [
  'onOpen',
  'setup',
  'onFormSubmit',
  'runSlaSweep',
  'doPost',
  'doGet',
] as const;

/** Menu items and trigger handlers that are not contract entry points. */
export const MENU_ACTIONS = [
  'reprocessFormResponses',
  'runArchive',
  'checkSetup',
  'sendMeATestMessage',
  'runSlaSweepNow',
] as const;

export type EntryPoint = (typeof CONTRACT_ENTRY_POINTS)[number] | (typeof MENU_ACTIONS)[number];

/** Every global function of the bundle. */
export const ENTRY_POINTS: readonly EntryPoint[] = [...CONTRACT_ENTRY_POINTS, ...MENU_ACTIONS];
