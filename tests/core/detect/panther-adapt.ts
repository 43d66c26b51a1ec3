// Panther's test events → the raw export shapes our parsers read (test support only).

type Obj = Record<string, unknown>;

/** "2022-12-11 02:57:48.693000000" → ISO UTC. */
function isoTime(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z)?$/.exec(v.trim());
  return m ? `${m[1]}T${m[2]}${m[3] ? m[3].slice(0, 4) : ''}Z` : v;
}

function gwsParameter(name: string, value: unknown): Obj {
  if (typeof value === 'boolean') return { name, boolValue: value };
  if (typeof value === 'number') return { name, intValue: String(value) };
  if (Array.isArray(value)) return value.every((x) => typeof x !== 'object') ? { name, multiValue: value.map(String) } : { name, value: JSON.stringify(value) };
  if (value && typeof value === 'object') return { name, value: JSON.stringify(value) };
  return { name, value: String(value) };
}

/** One Panther GSuite.ActivityEvent (one event, parameters as a map) → a Reports API activity. */
export function gwsActivity(log: Obj): Obj {
  if (Array.isArray(log.events)) return { ...log, id: { ...(log.id as Obj), time: isoTime((log.id as Obj)?.time) } };
  const id = { ...(log.id as Obj ?? {}) };
  id.time = isoTime(id.time ?? log.p_event_time ?? '2024-01-01T00:00:00Z');
  const params = log.parameters && typeof log.parameters === 'object' ? Object.entries(log.parameters as Obj)
    .filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => gwsParameter(k, v)) : [];
  const out: Obj = { kind: 'admin#reports#activity', id, actor: log.actor ?? {}, events: [{ type: log.type, name: log.name, parameters: params }] };
  if (log.ipAddress) out.ipAddress = log.ipAddress;
  return out;
}

/** GitHub audit entries lose Panther's enrichment fields and get their timestamp name back. */
export function githubEntry(log: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(log)) if (!k.startsWith('p_')) out[k === 'at_sign_timestamp' ? '@timestamp' : k] = v;
  if (typeof out['@timestamp'] === 'string') out['@timestamp'] = Date.parse(String(isoTime(out['@timestamp'])));
  if (out.created_at === undefined && out['@timestamp'] === undefined) out.created_at = 1_700_000_000_000;
  return out;
}

/** M365 and Entra records are read as they are (our parsers accept lower-cased UAL keys and diagnostic exports). */
export function passThrough(log: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(log)) if (!k.startsWith('p_')) out[k] = v;
  return out;
}
