import { describe, expect, it } from 'vitest';
import { RowError, type TableFormat } from '../../../src/core/ingest/formats/format.ts';
import { FORMATS } from '../../../src/core/ingest/formats/index.ts';
import { splitCsv } from '../../../src/core/ingest/records/csv-framer.ts';
import { TABLE_FORMATS } from '../../../src/core/ingest/tables/index.ts';
import { isoDate, isoDurationSeconds } from '../../../src/core/ingest/tables/values.ts';
import { HR_HEADER } from './fixtures.ts';

const ENTRA = 'userPrincipalName,displayName,surname,mail,givenName,id,userType,jobTitle,department,accountEnabled,usageLocation,streetAddress,state,country,officeLocation,city,postalCode,telephoneNumber,mobilePhone,alternateEmailAddress,ageGroup,consentProvidedForMinor,legalAgeGroupClassification,companyName,creationType,directorySynced,invitationState,identityIssuer,createdDateTime';
const GOOGLE = 'First Name [Required],Last Name [Required],Email Address [Required],Password [Required],Password Hash Function [UPLOAD ONLY],Org Unit Path [Required],New Primary Email [UPLOAD ONLY],Status [READ ONLY],Last Sign In [READ ONLY],Recovery Email,Home Secondary Email,Work Secondary Email,Recovery Phone [MUST BE IN THE E.164 FORMAT],Work Phone,Home Phone,Mobile Phone,Work Address,Home Address,Employee ID,Employee Type,Employee Title,Manager Email,Department,Cost Center,2sv Enrolled [READ ONLY],2sv Enforced [READ ONLY],Building ID,Floor Name,Floor Section,Email Usage [READ ONLY],Drive Usage [READ ONLY],Change Password at Next Sign-In,New Status [UPLOAD ONLY]';
const EMAIL = '\uFEFFReport Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,Send Count,Receive Count,Read Count,Meeting Created Count,Meeting Interacted Count,Assigned Products,Report Period';
const TEAMS = 'Report Refresh Date,User Id,User Principal Name,Last Activity Date,Is Deleted,Deleted Date,Assigned Products,Team Chat Message Count,Private Chat Message Count,Call Count,Meeting Count,Meetings Organized Count,Meetings Attended Count,Ad Hoc Meetings Organized Count,Ad Hoc Meetings Attended Count,Scheduled One-time Meetings Organized Count,Scheduled One-time Meetings Attended Count,Scheduled Recurring Meetings Organized Count,Scheduled Recurring Meetings Attended Count,Audio Duration,Video Duration,Screen Share Duration,Audio Duration In Seconds,Video Duration In Seconds,Screen Share Duration In Seconds,Has Other Action,Urgent Messages,Post Messages,Tenant Display Name,Shared Channel Tenant Display Names,Reply Messages,Is Licensed,Report Period';
const ONEDRIVE = 'Report Refresh Date,User Principal Name,Is Deleted,Deleted Date,Last Activity Date,Viewed Or Edited File Count,Synced File Count,Shared Internally File Count,Shared Externally File Count,Assigned Products,Report Period';
const SHAREPOINT = `${ONEDRIVE},Visited Page Count`;
const PURVIEW = 'CreationDate,UserIds,Operations,AuditData';

const header = (h: string) => splitCsv(h);
/** The one format that claims a header (score ≥ 0.5), by id. */
function claimant(h: string): string[] {
  return TABLE_FORMATS.filter((f) => f.sniffHeader(header(h)) >= 0.5).map((f) => f.id);
}
function read(f: TableFormat | undefined, h: string, line: string) {
  return f!.open(header(h)).read(splitCsv(line));
}
const fmt = (id: string) => TABLE_FORMATS.find((f) => f.id === id);

describe('table formats', () => {
  it('each known header is claimed by exactly its own format, and audit-log CSVs by none', () => {
    expect(claimant(HR_HEADER)).toEqual(['hr-directory-csv']);
    expect(claimant(ENTRA)).toEqual(['entra-users-csv']);
    expect(claimant(GOOGLE)).toEqual(['gws-users-csv']);
    expect(claimant(EMAIL)).toEqual(['m365-usage-email-csv']);
    expect(claimant(TEAMS)).toEqual(['m365-usage-teams-csv']);
    expect(claimant(ONEDRIVE)).toEqual(['m365-usage-files-csv']);
    expect(claimant('"","PersonId","MetricDate","Collaboration_hours"')).toEqual(['viva-person-query-csv']);
    expect(claimant(PURVIEW)).toEqual([]);
    for (const h of [HR_HEADER, ENTRA, GOOGLE, EMAIL, TEAMS, ONEDRIVE, SHAREPOINT]) {
      for (const f of FORMATS) if (f.framing === 'csv') expect(f.sniffHeader(header(h))).toBe(0);
    }
  });

  it('HR file: lower-cases addresses, keeps manager and zone, refuses rows without an address', () => {
    const [row] = read(fmt('hr-directory-csv'), HR_HEADER, 'Ann.Lee@X.test,Ann Lee,Eng,Engineer,BOSS@x.test,3,us,Europe/Berlin,2020-02-29,,');
    expect(row).toMatchObject({ email: 'ann.lee@x.test', manager_email: 'boss@x.test', country: 'US', time_zone: 'Europe/Berlin', hire_date: '2020-02-29', termination_date: null, account_type: 'user', source: 'hr' });
    expect(() => read(fmt('hr-directory-csv'), HR_HEADER, 'not-an-address,x,,,,,,,,,')).toThrow(RowError);
  });

  it('Entra users: no manager, guests recognised by user type or #EXT# address', () => {
    const f = fmt('entra-users-csv');
    const line = (upn: string, type: string) => `${upn},Someone,S,,G,id,${type},Analyst,Finance,true,GB,,,United Kingdom,,,,,,,,,,,,,,,2021-03-04T10:00:00Z`;
    expect(read(f, ENTRA, line('A@x.test', 'Member'))[0]).toMatchObject({ email: 'a@x.test', department: 'Finance', manager_email: null, country: 'GB', account_type: 'user' });
    expect(read(f, ENTRA, line('b_other.test#EXT#@x.onmicrosoft.com', 'Member'))[0].account_type).toBe('guest');
    expect(read(f, ENTRA, line('c@x.test', 'Guest'))[0].account_type).toBe('guest');
  });

  it('Google users: manager e-mail, title, department or else the last org unit', () => {
    const f = fmt('gws-users-csv');
    const cells = (dept: string) => ['Ann', 'Lee', 'ann@x.test', '****', '', '/Staff/Research', '', 'Active', '', '', '', '', '', '', '', '', '', '', '', '', 'Scientist', 'Boss@x.test', dept, '', 'True', 'False', '', '', '', '', '', 'False', ''].join(',');
    expect(read(f, GOOGLE, cells('Labs'))[0]).toMatchObject({ email: 'ann@x.test', display_name: 'Ann Lee', job_title: 'Scientist', manager_email: 'boss@x.test', department: 'Labs' });
    expect(read(f, GOOGLE, cells(''))[0].department).toBe('Research');
  });

  it('usage reports: BOM, periods, ISO durations, SharePoint vs OneDrive, concealed names kept as tokens', () => {
    expect(read(fmt('m365-usage-email-csv'), EMAIL, '2024-04-22,FE7CC8C15246EDCCA289C9A4022762F7,,False,,,5,20,,0,0,E3,7')[0])
      .toEqual({ upn: 'fe7cc8c15246edcca289c9a4022762f7', refresh_date: '2024-04-22', period_days: 7, send_count: 5, receive_count: 20, read_count: null, meeting_created_count: 0, meeting_interacted_count: 0 });
    const teams = splitCsv(TEAMS).map(() => '');
    const set = (name: string, v: string) => { teams[splitCsv(TEAMS).indexOf(name)] = v; };
    set('Report Refresh Date', '2024-04-22'); set('User Principal Name', 'a@x.test'); set('Report Period', '30');
    set('Team Chat Message Count', '4'); set('Private Chat Message Count', '6'); set('Call Count', '2'); set('Audio Duration', 'PT1H30M');
    expect(read(fmt('m365-usage-teams-csv'), TEAMS, teams.join(','))[0]).toMatchObject({ period_days: 30, team_chat_messages: 4, private_chat_messages: 6, calls: 2, audio_seconds: 5400 });
    expect(read(fmt('m365-usage-files-csv'), ONEDRIVE, '2024-04-22,a@x.test,False,,,12,3,1,0,E3,7')[0]).toMatchObject({ service: 'onedrive', viewed_or_edited: 12 });
    expect(read(fmt('m365-usage-files-csv'), SHAREPOINT, '2024-04-22,a@x.test,False,,,7,0,0,0,E3,7,40')[0]).toMatchObject({ service: 'sharepoint', viewed_or_edited: 7 });
    expect(() => read(fmt('m365-usage-email-csv'), EMAIL, '2024-04-22,a@x.test,,False,,,5,20,,0,0,E3,365')).toThrow(RowError);
    for (const f of TABLE_FORMATS) expect(f.columns.map((c) => c.name).join()).not.toMatch(/deleted/i);
  });

  it('Viva person query: UK dates settled by the Sunday week start, NA is missing, survey items dropped', () => {
    const h = 'PersonId,MetricDate,Emails_sent,Collaboration_hours,Organization,eSat,IsActive';
    const reader = fmt('viva-person-query-csv')!.open(header(h));
    // 12/05/2024 is Sunday 12 May in day/month order (5 December 2024 would be a Thursday)
    expect(reader.read(splitCsv('p1,12/05/2024,NA,12.5,Sales,4,TRUE'))[0]).toMatchObject({ person_id: 'p1', metric_date: '2024-05-12', emails_sent: null, collaboration_hours: 12.5, organization: 'Sales', is_active: 1 });
    expect(reader.read(splitCsv('p1,02/06/2024,3,1,Sales,4,FALSE'))[0]).toMatchObject({ metric_date: '2024-06-02', is_active: 0 });
    expect(Object.keys(reader.read(splitCsv('p1,12/05/2024,1,1,Sales,4,TRUE'))[0])).not.toContain('eSat');
  });

  it('parses dates and durations strictly', () => {
    expect(isoDate('2024-02-30')).toBeNull();
    expect(isoDate('1/12/2019')).toBe('2019-01-12');
    expect(isoDate('1/12/2019', 'dmy')).toBe('2019-12-01');
    expect(isoDate('2024/04/05 10:00')).toBe('2024-04-05');
    expect(isoDurationSeconds('PT0S')).toBe(0);
    expect(isoDurationSeconds('P1DT2M')).toBe(86520);
    expect(isoDurationSeconds('PT')).toBeNull();
  });
});
