/**
 * The contact-info guard: finds phone numbers, email addresses, QQ numbers, WeChat IDs and other
 * messengers' links or handles in text other people will see. One implementation for the web
 * form and the server; no Node or DOM APIs.
 */
import type { ErrorCode } from '../errors.js';
import type { FieldMessageKey } from '../messages.js';
import {
  contactInfoKinds,
  contactViewNames,
  patterns,
  vetoes,
  type ContactInfoKind,
  type ContactPattern,
  type ContactView,
} from './contact-info.data.js';
import { expandPattern } from './compile.js';
import { contactViews } from './normalise.js';

export { contactInfoKinds, type ContactInfoKind } from './contact-info.data.js';

const findings = {
  phone: { kind: 'phone', code: 'CONTACT_INFO_PHONE', messageKey: 'contactInfo.phone' },
  email: { kind: 'email', code: 'CONTACT_INFO_EMAIL', messageKey: 'contactInfo.email' },
  qq: { kind: 'qq', code: 'CONTACT_INFO_QQ', messageKey: 'contactInfo.qq' },
  wechat: { kind: 'wechat', code: 'CONTACT_INFO_WECHAT', messageKey: 'contactInfo.wechat' },
  messenger: { kind: 'messenger', code: 'CONTACT_INFO_MESSENGER', messageKey: 'contactInfo.messenger' },
} as const satisfies { [K in ContactInfoKind]: { kind: K; code: ErrorCode; messageKey: FieldMessageKey } };

for (const finding of Object.values(findings)) Object.freeze(finding);

/** What was found: its kind, the error code to answer with and the field message to show. */
export type ContactInfoFinding = (typeof findings)[ContactInfoKind];

interface CompiledPattern {
  readonly kind: ContactInfoKind;
  readonly views: readonly ContactView[];
  readonly regex: RegExp;
  readonly vetoes: readonly RegExp[];
}

let compiled: readonly CompiledPattern[] | undefined;

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

function compile(pattern: ContactPattern): CompiledPattern {
  const { kind, views } = pattern;
  if (!isOneOf(contactInfoKinds, kind)) throw new Error(`contact-info: unknown kind ${kind}`);
  const knownViews = views.filter((view) => isOneOf(contactViewNames, view));
  if (knownViews.length !== views.length) throw new Error(`contact-info: unknown view in ${views.join(',')}`);
  const vetoSources = pattern.vetoes.map((name) => {
    const source = vetoes[name];
    if (source === undefined) throw new Error(`contact-info: unknown veto ${name}`);
    return new RegExp(source, 'u');
  });
  return { kind, views: knownViews, regex: new RegExp(expandPattern(pattern.source), 'gu'), vetoes: vetoSources };
}

/** Compiled on first use, so importing the contracts stays cheap. */
export function compiledPatterns(): readonly CompiledPattern[] {
  compiled ??= patterns.map(compile);
  return compiled;
}

/** True when the pattern matches somewhere in the view without meeting one of its vetoes. */
function matches(pattern: CompiledPattern, view: string): boolean {
  const { regex } = pattern;
  regex.lastIndex = 0;
  for (let match = regex.exec(view); match !== null; match = regex.exec(view)) {
    const number = match.groups?.n ?? match[0];
    if (!pattern.vetoes.some((veto) => veto.test(number))) return true;
    regex.lastIndex = match.index + 1;
  }
  return false;
}

/**
 * The first contact detail in the text, or null. Deterministic; linear-time patterns, so any
 * input a form accepts (10 KB and more) is checked in a few milliseconds.
 */
export function detectContactInfo(text: string): ContactInfoFinding | null {
  if (text.trim() === '') return null;
  const views = contactViews(text);
  for (const pattern of compiledPatterns()) {
    const texts = new Set(pattern.views.map((view) => views[view]));
    for (const viewText of texts) if (matches(pattern, viewText)) return findings[pattern.kind];
  }
  return null;
}
