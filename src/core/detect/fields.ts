// SQL expressions for the normalised fields detections read, in one place so attrs key names can follow
// the format modules (docs/schema.md) without touching every rule.

import type { Query } from '../queries/query.ts';
import { join, raw, sql } from './sql.ts';

/** Operation name for comparison: lower case, trailing period gone ("Add member to role." → "add member to role"). */
export const OP = raw(`lower(rtrim(trim(replace(action, '\u2013', '-')), '.'))`);

/**
 * The identity an event belongs to: GitHub logins are replaced by the SAML identity (e-mail) when the export has it,
 * so one person is one identity across sources.
 */
export const IDENTITY = sql`coalesce(CASE WHEN source = 'github' AND attrs[${'external_identity_nameid'}] LIKE '%_@_%'
  THEN lower(attrs[${'external_identity_nameid'}]) END, actor)`;

export const ACTOR = sql`coalesce(${IDENTITY}, '(unknown)')`;

const opKey = (name: string) => name.trim().replace(/\u2013/g, '-').replace(/\.+$/, '').toLowerCase();

export const opIn = (...names: string[]): Query => sql`${OP} IN ${names.map(opKey)}`;

/** First non-empty attrs value among the given keys (source formats spell some keys differently). */
export function attr(...keys: string[]): Query {
  const parts = keys.map((k) => sql`nullif(attrs[${k}], '')`);
  return parts.length === 1 ? parts[0] : sql`coalesce(${join(parts, ', ')})`;
}

export const lowerAttr = (...keys: string[]): Query => sql`lower(${attr(...keys)})`;

/** `key=value;…` of the attrs whose key starts with a prefix, lower-cased, for substring tests on Name/Value lists. */
export const attrText = (prefix: string): Query =>
  sql`lower(array_to_string(list_transform(list_filter(map_entries(attrs), lambda e: starts_with(e.key, ${prefix})), lambda e: e.key || '=' || e.value), ';'))`;

/** Every attr as `key=value;…`, lower-cased. */
export const ALL_ATTRS = raw(`lower(array_to_string(list_transform(map_entries(attrs), lambda e: e.key || '=' || e.value), ';'))`);

/** True when the lower-cased text contains any of the words. */
export function containsAny(text: Query, words: readonly string[]): Query {
  return sql`(${join(words.map((w) => sql`contains(${text}, ${w.toLowerCase()})`), ' OR ')})`;
}

export const src = (...sources: string[]): Query => sql`source IN ${sources}`;

export const workloadIs = (...names: string[]): Query => sql`lower(coalesce(workload, '')) IN ${names.map((n) => n.toLowerCase())}`;

/** Sign-in error code: UAL ErrorNumber, Entra status.errorCode / ResultType. */
export const ERROR_CODE = attr('ErrorNumber', 'status.errorCode', 'errorCode', 'ResultType');

export const REQUEST_TYPE = attr('ExtendedProperties.RequestType', 'RequestType');

/** Interactive successful sign-ins (Entra non-interactive token refreshes excluded). */
export const LOGIN_SUCCESS = sql`category = 'authentication' AND outcome = 'success' AND ${OP} NOT IN ${['userloggedout', 'logout', 'login_challenge', 'login_verification']}
  AND coalesce(attrs[${'isInteractive'}], 'true') <> 'false'`;

/** AS number from the offline database, else the one a source reports (Entra autonomousSystemNumber). Needs ip_geo g. */
export const ASN = sql`coalesce(g.asn, TRY_CAST(events.attrs[${'autonomousSystemNumber'}] AS BIGINT))`;

export const LOGIN_FAILURE = sql`category = 'authentication' AND outcome = 'failure'`;

/**
 * Entra/UAL error codes that interrupt a sign-in whose password was right (MFA or device prompt, keep-me-signed-in,
 * conditional access, consent): not evidence of guessing.
 */
export const INTERRUPT_CODES = ['50074', '50076', '50079', '50072', '50140', '50158', '50097', '50125', '50129', '50199', '53000',
  '53001', '53002', '53003', '53004', '65001', '81010', '81012', '16000', '16001', '16003', '70043', '70044', '50089', '50133', '50173',
  '500121', '530032'];

/** Failed sign-ins that mean a wrong or unusable credential (MFA and other interrupts left out). */
export const CREDENTIAL_FAILURE = sql`${LOGIN_FAILURE} AND coalesce(${ERROR_CODE}, '') NOT IN ${INTERRUPT_CODES}`;

/** The network an IP belongs to: its AS number (offline database), else its /24 (IPv4) or /48 (IPv6). Needs ip_geo g. */
export const NETWORK = sql`coalesce('AS' || g.asn::VARCHAR, CASE WHEN contains(events.ip, ':')
  THEN array_to_string(string_split(events.ip, ':')[1:3], ':') ELSE regexp_replace(events.ip, '[.][0-9]+$', '') END)`;

/** Domains the organisation's own accounts use (from member principals seen in the data). */
export const TENANT_CTE = raw(`tenant AS (
  SELECT DISTINCT lower(regexp_extract(actor, '@([^@]+)$', 1)) AS d FROM events
  WHERE actor LIKE '%_@_%' AND actor_type IN ('user', 'admin') AND actor NOT LIKE '%#ext#%' AND source IN ('m365', 'gws', 'entra'))`);

/** True when any e-mail domain in the text is not one of the tenant's (needs TENANT_CTE). */
export const hasExternalAddress = (text: Query): Query =>
  sql`EXISTS (SELECT 1 FROM (SELECT unnest(regexp_extract_all(lower(coalesce(${text}, '')), '@([a-z0-9.-]+[a-z])', 1)) AS d) x
    WHERE NOT EXISTS (SELECT 1 FROM tenant t WHERE x.d = t.d OR ends_with(x.d, '.' || t.d)))`;

/** Great-circle distance in km between two (lat, lon) column pairs. */
export const km = (lat1: string, lon1: string, lat2: string, lon2: string) => raw(
  `(2 * 6371 * asin(sqrt(pow(sin(radians(${lat2} - ${lat1}) / 2), 2) + cos(radians(${lat1})) * cos(radians(${lat2})) * pow(sin(radians(${lon2} - ${lon1}) / 2), 2))))`);

/**
 * Effective country: the IP's (enrichment already prefers a source-given country for that IP), else the event's own.
 * Needs `LEFT JOIN ip_geo g …`.
 */
export const COUNTRY = raw(`coalesce(g.country, events.country)`);

/** Operation matches any of the LIKE patterns (lower case, `%` wildcards). */
export const opLike = (...patterns: string[]): Query => sql`(${join(patterns.map((p) => sql`${OP} LIKE ${p.toLowerCase()}`), ' OR ')})`;
