import type { Field } from '../catalogue.ts';

/** One identity (lower-case e-mail, or `viva:` + PersonId) in one week (Monday), as a source reports it. */
export interface SourceWeek {
  identity: string;
  week: string;
  values: Partial<Record<Field, number>>;
  /** The source's own activity flag (Viva IsActive); null when the source has none. */
  active: number | null;
  /** Attributes carried by the source itself (Viva HR columns); directory attributes are joined later. */
  department?: string | null;
  level?: string | null;
}

export const toNumber = (v: unknown): number | undefined => (v === null || v === undefined || v === '' ? undefined : Number(v));
