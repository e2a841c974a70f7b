/**
 * Lead stages. Admins type stages by hand, so parsing forgives case, spaces and the
 * seed's "CLOSED LOST" spelling; anything unrecognised is kept as typed and treated as
 * not NEW (the engine never touches a lead it does not understand).
 */
export const STAGES = ['NEW', 'CONTACTED', 'QUALIFIED', 'CLOSED_LOST'] as const;
export type Stage = (typeof STAGES)[number];

/** Canonical stage for a cell's content, or null when it is none of ours. */
export function parseStage(value: unknown): Stage | null {
  const text = String(value ?? '')
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  return (STAGES as readonly string[]).includes(text) ? (text as Stage) : null;
}

/** Closed = the engine is done with the lead (it can be archived). */
export function isClosedStage(stage: Stage | null): boolean {
  return stage === 'CONTACTED' || stage === 'QUALIFIED' || stage === 'CLOSED_LOST';
}
