import type { AnyFormat } from './formats/format.ts';
import { FORMATS } from './formats/index.ts';
import { TABLE_FORMATS } from './tables/index.ts';

/** Every input the ingest recognises: audit-event exports, then directory / usage / Viva tables. */
export const ALL_FORMATS: readonly AnyFormat[] = [...FORMATS, ...TABLE_FORMATS];
