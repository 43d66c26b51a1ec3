// Sign-in behaviour across sources: impossible travel (X1), first-seen values (X2), password attacks (X3),
// anonymising infrastructure and tool user agents (X9).

import type { Query } from '../../queries/query.ts';
import { knownEgress } from '../allow-list.ts';
import type { Rule, Thresholds } from '../types.ts';
import { ACTOR, ASN, attr, COUNTRY, CREDENTIAL_FAILURE, ERROR_CODE, km, LOGIN_FAILURE, LOGIN_SUCCESS, OP, containsAny } from '../fields.ts';
import { firstSeen, windowCount } from '../shapes.ts';
import { raw, sql } from '../sql.ts';

const ALL = ['m365', 'entra', 'gws', 'github', 'anypoint'] as const;

/** Events that place an identity somewhere: successful sign-ins, and any GitHub event with an IP or location. */
const PLACED = sql`((${LOGIN_SUCCESS}) OR (source = 'github' AND (events.ip IS NOT NULL OR events.country IS NOT NULL)))`;
const WITH_GEO = raw('events LEFT JOIN ip_geo g USING (ip)');

/** Identities a value must be used by to count as the organisation's own (countries, clients): max(min, pct % of all). */
const ORG_COMMON: Thresholds = { orgMinIdentities: 5, orgSharePct: 2 };

/** The AS organisation belongs to a hosting, VPN or anonymising network (needs ip_geo g). */
export const anonymising = (asOrg: Query = raw('g.as_org')): Query => sql`coalesce(${containsAny(sql`lower(${asOrg})`, HOSTING_WORDS)}, FALSE)`;

export const impossibleTravel: Rule = {
  id: 'X1.travel', title: 'Impossible travel',
  description: 'Consecutive sign-ins of one identity from places farther apart than a plane could go in the time between them. '
    + 'Places are country-level (offline IP database or the source\'s own country); the distance is the smallest possible '
    + 'between the two countries (reference point minus each country\'s radius), pairs on the same ASN are ignored. Declared '
    + 'egress networks are left out, and so are pairs between two countries the organisation itself works from (used by at '
    + 'least max(orgMinIdentities, orgSharePct % of) identities: a phone roaming on its home network while its owner travels) '
    + 'unless one side is a hosting, VPN or anonymising network. One finding per identity and day.',
  severity: 'high', attack: ['T1078.004'], sources: [...ALL],
  thresholds: { minKm: 500, maxKmh: 900, ...ORG_COMMON },
  sql: (t) => sql`WITH pos AS (
      SELECT events.ts, ${ACTOR} AS actor, events.ip, ${COUNTRY} AS c, ${ASN} AS asn, cg.lat, cg.lon, coalesce(cg.radius_km, 0) AS r,
        ${anonymising()} AS anon
      FROM events LEFT JOIN ip_geo g ON g.ip = events.ip LEFT JOIN country_geo cg ON cg.country = ${COUNTRY}
      WHERE ${PLACED} AND actor IS NOT NULL AND cg.lat IS NOT NULL AND NOT ${knownEgress(raw('events.ip'), ASN)}),
    org AS (SELECT c FROM pos GROUP BY c HAVING count(DISTINCT actor) >= greatest(CAST(${t.orgMinIdentities} AS DOUBLE),
        CAST(${t.orgSharePct} AS DOUBLE) / 100 * (SELECT count(DISTINCT actor) FROM pos))),
    pairs AS (SELECT *, lag(ts) OVER w AS pts, lag(c) OVER w AS pc, lag(asn) OVER w AS pasn, lag(lat) OVER w AS plat,
        lag(lon) OVER w AS plon, lag(r) OVER w AS pr, lag(ip) OVER w AS pip, lag(anon) OVER w AS panon
      FROM pos WINDOW w AS (PARTITION BY actor ORDER BY ts)),
    d AS (SELECT *, greatest(0, ${km('plat', 'plon', 'lat', 'lon')} - pr - r) AS dist,
        greatest(date_diff('second', pts, ts), 60) / 3600.0 AS hours
      FROM pairs WHERE pts IS NOT NULL AND c <> pc AND (ip IS NULL OR pip IS NULL OR ip <> pip) AND (asn IS NULL OR pasn IS NULL OR asn <> pasn)
        AND (anon OR panon OR c NOT IN (SELECT c FROM org) OR pc NOT IN (SELECT c FROM org))),
    hits AS (SELECT *, pc || ' → ' || c || ': at least ' || round(dist)::BIGINT::VARCHAR || ' km in ' || round(hours * 60)::BIGINT::VARCHAR || ' min'
        || coalesce(' (' || pip || ' → ' || ip || ')', '') AS text
      FROM d WHERE dist >= CAST(${t.minKm} AS DOUBLE) AND dist / hours >= CAST(${t.maxKmh} AS DOUBLE))
  SELECT actor, epoch_ms(min(pts)) AS first, epoch_ms(max(ts)) AS last, count(*)::DOUBLE AS count,
    arg_min(text, ts) || CASE WHEN count(*) > 1 THEN ' (+' || (count(*) - 1)::VARCHAR || ' more that day)' ELSE '' END AS evidence,
    arg_min(ip, ts) AS ip, NULL AS target
  FROM hits GROUP BY actor, date_trunc('day', ts)`,
};

const firstSeenRule = (id: string, title: string, what: string, value: Query, severity: Rule['severity'], attack: string[],
  where: Query = PLACED, orgCommon = true): Rule => ({
  id, title,
  description: `An identity's first ${what} after the baseline (the first N days of the loaded data, at least the minimum history), `
    + 'for identities already active in the baseline; the evidence says how many identities use the value at all.'
    + (orgCommon ? ' Values the organisation uses widely (at least max(orgMinIdentities, orgSharePct % of) identities) and '
      + 'declared egress networks are not news, unless the network is a hosting, VPN or anonymising one.' : ''),
  severity, attack, sources: [...ALL],
  thresholds: { baselineDays: 14, minHistoryDays: 7, ...(orgCommon ? ORG_COMMON : {}) },
  sql: (t) => firstSeen({
    where: orgCommon ? sql`(${where}) AND NOT ${knownEgress(raw('ip'), ASN)}` : where,
    value, label: `new ${what}`, baselineDays: t.baselineDays, minHistoryDays: t.minHistoryDays, from: WITH_GEO,
    common: orgCommon ? { min: t.orgMinIdentities, pct: t.orgSharePct, exempt: anonymising() } : undefined,
  }),
});

export const newCountry = firstSeenRule('X2.country', 'First-seen country for an identity', 'country', sql`${COUNTRY}`, 'medium', ['T1078.004']);

export const newAsn = firstSeenRule('X2.asn', 'First-seen network (ASN) for an identity', 'network',
  sql`CASE WHEN g.asn IS NOT NULL THEN 'AS' || g.asn::VARCHAR || coalesce(' ' || g.as_org, '') END`, 'low', ['T1078.004']);

export const newUserAgent = firstSeenRule('X2.ua', 'First-seen client (user agent family) for an identity', 'client',
  sql`nullif(trim(regexp_replace(regexp_replace(user_agent, '[0-9][0-9._]*', '', 'g'), '\\s+', ' ', 'g')), '')`, 'low', ['T1078.004'],
  sql`(${LOGIN_SUCCESS})`);

export const newTokenIp = firstSeenRule('X2.token', 'GitHub token used from a first-seen IP', 'token and IP',
  sql`CASE WHEN ${attr('hashed_token')} IS NOT NULL AND ip IS NOT NULL THEN ${attr('hashed_token')} || ' @ ' || ip END`, 'low', ['T1550.001'],
  sql`source = 'github'`, false);

export const spray: Rule = {
  id: 'X3.spray', title: 'Password spray from one IP',
  description: 'One IP fails to sign in as many different identities within the window.',
  severity: 'high', attack: ['T1110.003'], sources: ['m365', 'entra', 'gws', 'anypoint'],
  thresholds: { minUsers: 10, windowMinutes: 60 },
  sql: (t) => windowCount({
    where: sql`${LOGIN_FAILURE} AND ip IS NOT NULL`, key: raw('ip'), distinct: ACTOR, who: ACTOR,
    windowMinutes: t.windowMinutes, min: t.minUsers, label: 'failed sign-ins for distinct identities:',
  }),
};

export const brute: Rule = {
  id: 'X3.brute', title: 'Brute force against one identity',
  description: 'Many failed sign-ins for one identity within the window.',
  severity: 'medium', attack: ['T1110.001'], sources: ['m365', 'entra', 'gws', 'anypoint'],
  thresholds: { minFailures: 20, windowMinutes: 60 },
  sql: (t) => windowCount({ where: LOGIN_FAILURE, windowMinutes: t.windowMinutes, min: t.minFailures, label: 'failed sign-ins:' }),
};

export const mfaFatigue: Rule = {
  id: 'X3.mfa-fatigue', title: 'MFA fatigue (repeated MFA denials)',
  description: 'Many MFA prompts denied or failed for one identity in a short window (Entra error 500121, Google 2-step challenge failures).',
  severity: 'high', attack: ['T1621'], sources: ['m365', 'entra', 'gws'],
  thresholds: { minFailures: 10, windowMinutes: 10 },
  sql: (t) => windowCount({
    where: sql`category = 'authentication' AND outcome = 'failure' AND (${ERROR_CODE} = '500121'
      OR (source = 'gws' AND ${OP} IN ('login_challenge', 'login_verification')))`,
    windowMinutes: t.windowMinutes, min: t.minFailures, label: 'MFA failures:',
  }),
};

export const successAfterFailures: Rule = {
  id: 'X3.success-after', title: 'Successful sign-in after password attack from the same IP',
  description: 'An identity signs in successfully from an IP that, within the preceding window, failed to sign in as this identity at '
    + 'least N times (brute force) or failed for many identities including this one (spray). Only credential failures count (MFA, '
    + 'device and consent interrupts mean the password was right), the same attempt logged by two sources counts once, and IPs '
    + 'where many identities sign in successfully (office egress) are left out.',
  severity: 'critical', attack: ['T1110.003', 'T1110.001', 'T1078.004'], sources: ['m365', 'entra', 'gws', 'anypoint'],
  thresholds: { minFailures: 5, minUsers: 5, windowMinutes: 60, sharedIpUsers: 10 },
  sql: (t) => sql`WITH f AS (SELECT DISTINCT date_trunc('second', ts) AS ts, ${ACTOR} AS actor, ip FROM events WHERE ${CREDENTIAL_FAILURE} AND ip IS NOT NULL),
    s AS (SELECT DISTINCT ts, ${ACTOR} AS actor, ip FROM events WHERE ${LOGIN_SUCCESS} AND ip IS NOT NULL),
    shared AS (SELECT ip FROM s GROUP BY ip HAVING count(DISTINCT actor) >= CAST(${t.sharedIpUsers} AS DOUBLE)),
    j AS (SELECT s.ts, s.actor, s.ip, count(*) AS n, count(DISTINCT f.actor) AS users, min(f.ts) AS f0,
        count(*) FILTER (WHERE f.actor = s.actor) AS mine
      FROM s JOIN f ON f.ip = s.ip AND f.ts < s.ts AND f.ts >= s.ts - to_minutes(CAST(${t.windowMinutes} AS BIGINT))
      WHERE s.ip NOT IN (SELECT ip FROM shared)
      GROUP BY s.ts, s.actor, s.ip)
  SELECT actor, epoch_ms(min(f0)) AS first, epoch_ms(max(ts)) AS last, max(n)::DOUBLE AS count,
    'signed in from ' || ip || ' after ' || max(n)::VARCHAR || ' failed sign-ins from it (' || max(mine)::VARCHAR || ' as this identity, '
      || max(users)::VARCHAR || ' identities)' AS evidence, ip, NULL AS target
  FROM j WHERE mine >= CAST(${t.minFailures} AS DOUBLE) OR (mine > 0 AND users >= CAST(${t.minUsers} AS DOUBLE))
  GROUP BY actor, ip, date_trunc('day', ts)`,
};

/** User-agent fragments of attack tooling and scripting clients (lower case). */
export const TOOL_AGENTS = ['aadinternals', 'python-requests', 'axios/', 'go-http-client', 'curl/', 'windowspowershell',
  'azurehound', 'roadtools', 'python-urllib', 'okhttp', 'node-fetch', 'bav2ropc', 'sqlmap', 'nikto'];

export const toolAgent: Rule = {
  id: 'X9.tool-ua', title: 'Sign-in or admin action with a tool user agent',
  description: 'A successful sign-in or administrative change made with a scripting or attack-tool user agent.',
  severity: 'medium', attack: ['T1078.004'], sources: ['m365', 'entra', 'gws', 'anypoint'],
  thresholds: {},
  sql: () => sql`SELECT ${ACTOR} AS actor, epoch_ms(min(ts)) AS first, epoch_ms(max(ts)) AS last, count(*)::DOUBLE AS count,
      left(string_agg(DISTINCT action || ' with ' || user_agent, '; '), 400) AS evidence, min(ip) AS ip, min(target) AS target
    FROM events WHERE source <> 'github' AND outcome = 'success' AND user_agent IS NOT NULL
      AND category IN ('authentication', 'admin', 'role', 'account', 'application', 'policy', 'audit')
      AND ${containsAny(raw('lower(user_agent)'), TOOL_AGENTS)}
    GROUP BY 1, date_trunc('day', ts)`,
};

/** Words in AS organisation names of hosting, VPN and anonymising networks (lower case). */
export const HOSTING_WORDS = ['hosting', 'vpn', 'proxy', 'tor exit', 'digitalocean', 'linode', 'akamai connected cloud', 'vultr',
  'choopa', 'ovh', 'hetzner', 'm247', 'datacamp', 'leaseweb', 'contabo', 'scaleway', 'amazon', 'google cloud',
  'microsoft azure', 'oracle cloud', 'alibaba', 'tencent cloud', 'nordvpn', 'mullvad', 'private internet access', 'packethub',
  // operators of large Tor exit ranges, as named in the bundled ASN database
  'erneuerbare freiheit', 'f3 netze', 'foundation for applied privacy', 'emerald onion', 'quintex alliance'];

export const hostingNetwork: Rule = {
  id: 'X9.hosting', title: 'Sign-in from hosting, VPN or anonymising network',
  description: 'A successful sign-in from an IP whose network (offline ASN database) belongs to a hosting, cloud, VPN or Tor exit '
    + 'provider, unless it is a declared egress network (the company\'s own VPN or proxy).',
  severity: 'medium', attack: ['T1090.003', 'T1078.004'], sources: ['m365', 'entra', 'gws', 'anypoint'],
  thresholds: {},
  sql: () => sql`SELECT ${ACTOR} AS actor, epoch_ms(min(ts)) AS first, epoch_ms(max(ts)) AS last, count(*)::DOUBLE AS count,
      left(string_agg(DISTINCT ip || ' (AS' || g.asn::VARCHAR || ' ' || g.as_org || ')', '; '), 400) AS evidence,
      min(ip) AS ip, NULL AS target
    FROM events JOIN ip_geo g USING (ip) WHERE ${LOGIN_SUCCESS} AND g.as_org IS NOT NULL
      AND ${containsAny(raw('lower(g.as_org)'), HOSTING_WORDS)} AND NOT ${knownEgress(raw('ip'), raw('g.asn'))}
    GROUP BY 1, date_trunc('day', ts)`,
};

export const IDENTITY_RULES: Rule[] = [impossibleTravel, newCountry, newAsn, newUserAgent, newTokenIp, spray, brute, mfaFatigue,
  successAfterFailures, toolAgent, hostingNetwork];
