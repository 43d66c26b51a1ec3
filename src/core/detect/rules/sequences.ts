// Escalations: one suspicious event followed by the use an attacker makes of it. Each is its own rule (and
// finding) next to the single-event rule it escalates, so the analyst sees both and the priority score adds up.

import { firstPartyApp, knownEgress } from '../allow-list.ts';
import { ACTOR, attr, attrText, LOGIN_SUCCESS, OP, opIn, TENANT_CTE } from '../fields.ts';
import type { Rule } from '../types.ts';
import { raw, sql } from '../sql.ts';
import { MFA_WEAKENED } from './account.ts';

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The application a consent or grant is about: the first GUID of the fields that name its app id (not its object id). */
const CONSENTED_APP = sql`nullif(regexp_extract(lower(concat_ws(' ', ${attr('ModifiedProperties.ServicePrincipal_AppId.NewValue')},
  ${attr('ModifiedProperties.TargetId_ServicePrincipalNames.NewValue')}, ${attr('ModifiedProperties.AppId.NewValue')},
  ${attr('ModifiedProperties.AppPrincipalId.NewValue')}, ${attr('ExtendedProperties.additionalDetails.AppId', 'additionalDetails.AppId', 'AppId')})),
  ${GUID}, 0), '')`;

export const consentThenAccess: Rule = {
  id: 'M3.consent-use', title: 'OAuth consent followed by mail or file access by the same app',
  description: 'A consent or permission grant to an application that is not on the first-party list, followed within the window by '
    + 'MailItemsAccessed or SharePoint/OneDrive file access whose client application id is that app: the granted access in use.',
  severity: 'critical', attack: ['T1528', 'T1114.002', 'T1566.002'], sources: ['m365', 'entra'],
  thresholds: { windowHours: 24 },
  sql: (t) => sql`WITH c AS (SELECT ts, ${ACTOR} AS actor, target, ${OP} AS op, ${CONSENTED_APP} AS app FROM events
        WHERE source IN ('m365', 'entra') AND ${opIn('Consent to application', 'Add delegated permission grant',
          'Add app role assignment to service principal', 'Add app role assignment grant to user')}),
      apps AS (SELECT actor, app, min(ts) AS ts, min(target) FILTER (WHERE op = 'consent to application') AS name
        FROM c WHERE app IS NOT NULL AND NOT ${firstPartyApp(raw('app'))} GROUP BY 1, 2),
      u AS (SELECT ts, lower(app_id) AS app, coalesce(target_user, ${ACTOR}) AS whose, ip, action FROM events
        WHERE source = 'm365' AND app_id IS NOT NULL AND ${opIn('MailItemsAccessed', 'FileAccessed', 'FileDownloaded', 'FileSyncDownloadedFull')})
    SELECT apps.actor, epoch_ms(min(apps.ts)) AS first, epoch_ms(max(u.ts)) AS last, count(*)::DOUBLE AS count,
      'consent to ' || coalesce(min(apps.name), apps.app) || ' (' || apps.app || '), then ' || count(*)::VARCHAR || ' '
        || string_agg(DISTINCT u.action, '/') || ' by it within ' || CAST(${t.windowHours} AS VARCHAR) || ' h' AS evidence,
      min(u.ip) AS ip, apps.app AS target
    FROM apps JOIN u ON u.app = apps.app AND u.ts >= apps.ts AND u.ts <= apps.ts + to_hours(CAST(${t.windowHours} AS BIGINT))
    GROUP BY apps.actor, apps.app`,
};

export const mfaThenNewCountry: Rule = {
  id: 'X4.mfa-new-country', title: 'MFA weakened around a sign-in from a new country',
  description: 'Strong authentication removed or relaxed for an identity (the target of the change, else whoever made it) within the '
    + 'window before or after that identity\'s first successful sign-in from a country (first seen on a later day than its first '
    + 'sign-in in the data). Declared egress networks are left out.',
  severity: 'critical', attack: ['T1556.006', 'T1078.004'], sources: ['m365', 'entra', 'gws', 'github', 'anypoint'],
  thresholds: { windowHours: 24 },
  sql: (t) => sql`WITH w AS (SELECT ts, ${ACTOR} AS actor, lower(coalesce(target_user, ${ACTOR})) AS who, action FROM events WHERE ${MFA_WEAKENED}),
      cand AS MATERIALIZED (SELECT events.ts, events.actor, events.ip, events.country, ${LOGIN_SUCCESS} AS ok,
          TRY_CAST(events.attrs[${'autonomousSystemNumber'}] AS BIGINT) AS src_asn
        FROM events WHERE category = 'authentication' AND outcome = 'success' AND source <> 'github' AND actor IN (SELECT who FROM w)),
      p AS (SELECT cand.ts, cand.actor, coalesce(g.country, cand.country) AS c, cand.ip FROM cand LEFT JOIN ip_geo g ON g.ip = cand.ip
        WHERE ok AND coalesce(g.country, cand.country) IS NOT NULL AND NOT ${knownEgress(raw('cand.ip'), raw('coalesce(g.asn, cand.src_asn)'))}),
      since AS (SELECT actor, min(ts) AS a0 FROM p GROUP BY 1),
      firsts AS (SELECT actor, c, min(ts) AS f, arg_min(ip, ts) AS ip FROM p GROUP BY 1, 2),
      fresh AS (SELECT firsts.* FROM firsts JOIN since USING (actor) WHERE date_trunc('day', f) > date_trunc('day', a0))
    SELECT w.who AS actor, epoch_ms(least(min(w.ts), min(fresh.f))) AS first, epoch_ms(greatest(max(w.ts), max(fresh.f))) AS last,
      count(*)::DOUBLE AS count,
      string_agg(DISTINCT w.action, '; ') || ' by ' || min(w.actor) || '; first sign-in from ' || string_agg(DISTINCT fresh.c, ', ')
        || ' within ' || CAST(${t.windowHours} AS VARCHAR) || ' h' AS evidence, min(fresh.ip) AS ip, min(w.actor) AS target
    FROM w JOIN fresh ON fresh.actor = w.who AND fresh.f >= w.ts - to_hours(CAST(${t.windowHours} AS BIGINT))
      AND fresh.f <= w.ts + to_hours(CAST(${t.windowHours} AS BIGINT))
    GROUP BY w.who, date_trunc('day', w.ts)`,
};

/** A guest UPN (`jane_fabrikam.com#ext#@tenant…`) as the address it stands for (`jane@fabrikam.com`). */
const guestAddress = (x: string) => `regexp_replace(${x}, '^(.*)_([^_#]+)#ext#@.*$', '\\1@\\2')`;

export const externalMemberUpload: Rule = {
  id: 'M16.external-upload', title: 'External member added to Teams, then uploads a file',
  description: 'A member from outside the organisation (guest #EXT# account or another domain) is added to a team or chat and '
    + 'uploads a file within the window: a lure or payload delivered from inside the tenant.',
  severity: 'medium', attack: ['T1566.003', 'T1105'], sources: ['m365'],
  thresholds: { windowMinutes: 60 },
  sql: (t) => sql`WITH ${TENANT_CTE},
      added AS (SELECT ts, ${ACTOR} AS by_whom, coalesce(${attr('TeamName', 'ChatName')}, target) AS team,
          unnest(regexp_extract_all(${attrText('Members')}, 'members[.][0-9]+[.]upn=([^;]+)', 1)) AS member
        FROM events WHERE source = 'm365' AND ${opIn('MemberAdded')}),
      ext AS (SELECT *, ${raw(guestAddress('member'))} AS address FROM added
        WHERE member LIKE '%#ext#%' OR (member LIKE '%_@_%'
          AND NOT EXISTS (SELECT 1 FROM tenant WHERE regexp_extract(member, '@(.+)$', 1) = tenant.d OR ends_with(member, '.' || tenant.d)))),
      up AS (SELECT ts, lower(${ACTOR}) AS who, target, ip FROM events WHERE source = 'm365' AND ${opIn('FileUploaded')})
    SELECT up.who AS actor, epoch_ms(min(ext.ts)) AS first, epoch_ms(max(up.ts)) AS last, count(DISTINCT up.target)::DOUBLE AS count,
      'added to ' || coalesce(min(ext.team), 'a team') || ' by ' || min(ext.by_whom) || ', then uploaded '
        || left(string_agg(DISTINCT up.target, ', '), 200) AS evidence, min(up.ip) AS ip, min(ext.team) AS target
    FROM ext JOIN up ON (up.who = ext.member OR up.who = ext.address) AND up.ts >= ext.ts
      AND up.ts <= ext.ts + to_minutes(CAST(${t.windowMinutes} AS BIGINT))
    GROUP BY up.who, date_trunc('day', ext.ts)`,
};

export const SEQUENCE_RULES: Rule[] = [consentThenAccess, mfaThenNewCountry, externalMemberUpload];
