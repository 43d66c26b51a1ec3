// The analyst's allow-list: known egress networks (corporate VPN or proxy exits, by ASN or IP/IPv4 range) and
// first-party applications. Rules join against the `allow_list` table; the app keeps the list and writes it here.

import type { Engine } from '../engine.ts';
import { raw, sql } from './sql.ts';
import type { Query } from '../queries/query.ts';

export type AllowKind = 'egress-asn' | 'egress-ip' | 'first-party-app';

export interface AllowEntry { kind: AllowKind; value: string; note?: string }

const DDL = `CREATE TABLE IF NOT EXISTS allow_list (kind VARCHAR NOT NULL, value VARCHAR NOT NULL, lo BIGINT, hi BIGINT, note VARCHAR)`;

/**
 * Microsoft's own clients and services, from "Verify first-party Microsoft applications in sign-in reports"
 * (learn.microsoft.com, troubleshoot/entra). Developer tools that phishing kits borrow (Azure CLI, Azure PowerShell,
 * Graph Explorer, Microsoft Graph PowerShell) are deliberately left out: their tokens are what device-code phishing steals.
 */
export const FIRST_PARTY_APPS: readonly [id: string, name: string][] = [
  ['00000002-0000-0ff1-ce00-000000000000', 'Office 365 Exchange Online'],
  ['00000003-0000-0ff1-ce00-000000000000', 'Office 365 SharePoint Online'],
  ['00000003-0000-0000-c000-000000000000', 'Microsoft Graph'],
  ['00000004-0000-0ff1-ce00-000000000000', 'Skype for Business Online'],
  ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', 'Microsoft Teams'],
  ['5e3ce6c0-2b1f-4285-8d4b-75ee78787346', 'Microsoft Teams Web Client'],
  ['cc15fd57-2c6c-4117-a88c-83b1d56b4bbe', 'Microsoft Teams Services'],
  ['d3590ed6-52b3-4102-aeff-aad2292ab01c', 'Microsoft Office'],
  ['4765445b-32c6-49b0-83e6-1d93765276ca', 'OfficeHome'],
  ['00000006-0000-0ff1-ce00-000000000000', 'Microsoft Office 365 Portal'],
  ['89bee1f7-5e6e-4d8a-9f3d-ecd601259da7', 'Office365 Shell WCSS-Client'],
  ['5d661950-3475-41cd-a2c3-d671a3162bc1', 'Microsoft Outlook (desktop client id in MailItemsAccessed)'],
  ['27922004-5251-4030-b22d-91ecd9a37ea4', 'Outlook Mobile'],
  ['ab9b8c07-8f02-4f72-87fa-80105867a763', 'OneDrive SyncEngine'],
  ['29d9ed98-a469-4536-ade2-f981bc1d605e', 'Microsoft Authentication Broker'],
  ['c44b4083-3bb0-49c1-b47d-974e53cbdf3c', 'Azure Portal'],
  ['0000000c-0000-0000-c000-000000000000', 'Microsoft App Access Panel'],
  ['00b41c95-dab0-4487-9791-b9d2c32c80f2', 'Office 365 Management'],
  ['9ba1a5c7-f17a-4de9-a1f1-6178c8d51223', 'Microsoft Intune Company Portal'],
];

export const DEFAULT_ALLOW: readonly AllowEntry[] = FIRST_PARTY_APPS.map(([value, note]) => ({ kind: 'first-party-app', value, note }));

/** IPv4 address or CIDR → inclusive numeric range; null for anything else (IPv6 is matched exactly). */
export function ipv4Range(text: string): [number, number] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text.trim());
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255)) return null;
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  if (bits > 32) return null;
  const base = m.slice(1, 5).reduce((a, o) => a * 256 + Number(o), 0);
  const size = 2 ** (32 - bits);
  const start = Math.floor(base / size) * size;
  return [start, start + size - 1];
}

/** Checks one entry; returns the reason it cannot be used, or null. */
export function invalidEntry(e: AllowEntry): string | null {
  const v = e.value.trim();
  if (e.kind === 'egress-asn') return /^(AS)?\d{1,10}$/i.test(v) ? null : 'an AS number such as 16509 or AS16509';
  if (e.kind === 'egress-ip') return ipv4Range(v) || (/^[0-9a-f:]+$/i.test(v) && v.includes(':')) ? null : 'an IP address or IPv4 range such as 198.51.100.0/24';
  if (e.kind === 'first-party-app') return /^[0-9a-f-]{36}$/i.test(v) ? null : 'an application id (GUID)';
  return 'unknown kind';
}

async function exists(engine: Engine): Promise<boolean> {
  try { await engine.query('SELECT 1 FROM allow_list LIMIT 0'); return true; } catch { return false; }
}

/** Creates the table with the default first-party apps when it does not exist yet; an existing list is left alone. */
export async function ensureAllowList(engine: Engine): Promise<void> {
  if (await exists(engine)) return;
  await setAllowList(engine, DEFAULT_ALLOW);
}

/** Replaces the whole list (invalid entries are skipped and returned). */
export async function setAllowList(engine: Engine, entries: readonly AllowEntry[]): Promise<AllowEntry[]> {
  await engine.query(DDL);
  await engine.query('DELETE FROM allow_list');
  const skipped = entries.filter((e) => invalidEntry(e) !== null);
  const rows = entries.filter((e) => invalidEntry(e) === null).map((e) => {
    const v = e.value.trim();
    const range = e.kind === 'egress-ip' ? ipv4Range(v) : null;
    return [e.kind, e.kind === 'egress-asn' ? v.replace(/^AS/i, '') : v.toLowerCase(), range?.[0] ?? null, range?.[1] ?? null, e.note ?? null];
  });
  if (rows.length) await engine.query(`INSERT INTO allow_list VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}`, rows.flat());
  return skipped;
}

export async function readAllowList(engine: Engine): Promise<AllowEntry[]> {
  if (!(await exists(engine))) return [...DEFAULT_ALLOW];
  const rows = await engine.query('SELECT kind, value, note FROM allow_list ORDER BY kind, value');
  return rows.map((r) => ({ kind: String(r.kind) as AllowKind, value: String(r.value), ...(r.note === null ? {} : { note: String(r.note) }) }));
}

const IPV4_NUMBER = (ip: Query) => sql`CASE WHEN regexp_matches(${ip}, '^[0-9]+[.][0-9]+[.][0-9]+[.][0-9]+$') THEN
  TRY_CAST(split_part(${ip}, '.', 1) AS BIGINT) * 16777216 + TRY_CAST(split_part(${ip}, '.', 2) AS BIGINT) * 65536
  + TRY_CAST(split_part(${ip}, '.', 3) AS BIGINT) * 256 + TRY_CAST(split_part(${ip}, '.', 4) AS BIGINT) END`;

/** True when the IP (or its AS number) is a declared egress network. */
export function knownEgress(ip: Query, asn: Query = raw('NULL')): Query {
  return sql`EXISTS (SELECT 1 FROM allow_list al WHERE (al.kind = 'egress-asn' AND TRY_CAST(al.value AS BIGINT) = ${asn})
    OR (al.kind = 'egress-ip' AND (al.value = lower(${ip}) OR ${IPV4_NUMBER(ip)} BETWEEN al.lo AND al.hi)))`;
}

/** True when the application id is on the first-party list. */
export const firstPartyApp = (appId: Query): Query =>
  sql`EXISTS (SELECT 1 FROM allow_list al WHERE al.kind = 'first-party-app' AND al.value = lower(${appId}))`;
