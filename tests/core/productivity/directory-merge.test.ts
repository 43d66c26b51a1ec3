import { describe, expect, it } from 'vitest';
import { TABLE_FORMATS } from '../../../src/core/ingest/tables/index.ts';
import { ingest } from '../../../src/core/ingest/session.ts';
import { loadStaff } from '../../../src/core/productivity/directory.ts';
import { openNative } from '../../../workers/engine/native.ts';

const ENTRA = 'userPrincipalName,displayName,surname,mail,givenName,id,userType,jobTitle,department,accountEnabled,usageLocation,streetAddress,state,country,officeLocation,city,postalCode,telephoneNumber,mobilePhone,alternateEmailAddress,ageGroup,consentProvidedForMinor,legalAgeGroupClassification,companyName,creationType,directorySynced,invitationState,identityIssuer,createdDateTime';
const entraRow = (upn: string, dept: string) => `${upn},Ann A,A,${upn},Ann,1,Member,Engineer,${dept},True,US,,,,,,,,,,,,,,,,,,2024-01-01T00:00:00Z`;
const HR = 'email,display_name,department,job_title,manager_email,level,country,time_zone,hire_date,termination_date,account_type';

describe('a person in several directory files', () => {
  it('keeps every file\'s row and prefers the HR file, whatever the order the files were dropped in', async () => {
    const engine = await openNative();
    const files = [
      { blob: new Blob([`${ENTRA}\n${entraRow('ann@x.example', 'Entra Dept')}\n${entraRow('bob@x.example', 'Sales')}\n`]), name: 'entra-users.csv' },
      { blob: new Blob([`${HR}\nann@x.example,Ann A,Engineering,Engineer,boss@x.example,3,US,UTC+02:00,2024-01-01,,user\n`]), name: 'users.csv' },
    ];
    const res = await ingest(engine, files, { formats: TABLE_FORMATS });
    expect(res.files.map((f) => [f.loaded, f.duplicates])).toEqual([[2, 0], [1, 0]]);
    const staff = await loadStaff(engine, new Set(['directory']));
    expect(staff.get('ann@x.example')).toMatchObject({ department: 'Engineering', level: '3', manager: 'boss@x.example', timeZone: 'UTC+02:00' });
    expect(staff.get('bob@x.example')).toMatchObject({ department: 'Sales', level: null });
    await engine.close();
  });
});
