// Google Workspace event parameters → flat attrs: the Reports API typed list
// (`[{name, value|intValue|boolValue|multiValue|multiIntValue|messageValue|multiMessageValue}]`)
// and the rule-engine map (`{name: value}`) give the same keys and texts.

import { clean, flatten } from '../../normalise/flatten.ts';
import { isObj, text } from './fields.ts';

const MAX_KEYS = 80;

export function parameterAttrs(params: unknown, out: Record<string, string>): void {
  if (Array.isArray(params)) fromList(params, '', out);
  else if (isObj(params)) fromMap(params, out);
}

function put(out: Record<string, string>, key: string, value: string): void {
  if (key in out || Object.keys(out).length >= MAX_KEYS) return;
  out[key] = clean(value, 1024);
}

function fromList(list: unknown[], prefix: string, out: Record<string, string>): void {
  for (const p of list) {
    if (!isObj(p)) continue;
    const name = text(p.name);
    if (!name) continue;
    const key = prefix + name;
    const scalar = text(p.value) ?? text(p.intValue) ?? text(p.boolValue);
    if (scalar !== null) put(out, key, scalar);
    else if (Array.isArray(p.multiValue)) put(out, key, p.multiValue.map(String).join(','));
    else if (Array.isArray(p.multiIntValue)) put(out, key, p.multiIntValue.map(String).join(','));
    else if (isObj(p.messageValue) && Array.isArray(p.messageValue.parameter)) fromList(p.messageValue.parameter, `${key}.`, out);
    else if (Array.isArray(p.multiMessageValue)) fromMessages(p.multiMessageValue, key, out);
  }
}

/** Each sub-parameter of a list of messages becomes one key, its values joined with ','. */
function fromMessages(messages: unknown[], key: string, out: Record<string, string>): void {
  const joined = new Map<string, string[]>();
  for (const m of messages) {
    if (!isObj(m) || !Array.isArray(m.parameter)) continue;
    const one: Record<string, string> = {};
    fromList(m.parameter, `${key}.`, one);
    for (const [k, v] of Object.entries(one)) joined.set(k, [...(joined.get(k) ?? []), v]);
  }
  for (const [k, values] of joined) put(out, k, values.join(','));
}

function fromMap(map: Record<string, unknown>, out: Record<string, string>): void {
  for (const [name, v] of Object.entries(map)) {
    if (v === null || v === undefined) continue;
    if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) put(out, name, v.map(String).join(','));
    else if (typeof v === 'object') {
      for (const [k, s] of Object.entries(flatten(v, { maxKeys: MAX_KEYS, maxValue: 1024 }, name))) put(out, k, s);
    } else {
      const t = text(v);
      if (t !== null) put(out, name, t);
    }
  }
}
