/**
 * The privacy policy, versioned in the repository as content/<version>.<language>.md.
 * The newest version is the current one; a user who accepted an older one must accept it again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { languages, type Language, type PolicyView } from '@airtalk/contracts';

export interface PolicyDocument {
  version: string;
  texts: Record<Language, { title: string; text: string }>;
}

const FILE_PATTERN = /^(\d{4}-\d{2}-\d{2})\.(en|zh)\.md$/;

export const defaultPolicyContentDir = path.join(import.meta.dirname, 'content');

function titleOf(markdown: string, fallback: string): string {
  return /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? fallback;
}

/** Reads every version; each must exist in every language, or the server refuses to start. */
export function loadPolicyDocuments(contentDir: string): PolicyDocument[] {
  const byVersion = new Map<string, Partial<Record<Language, string>>>();
  for (const file of fs.readdirSync(contentDir)) {
    const match = FILE_PATTERN.exec(file);
    if (!match) continue;
    const [, version = '', language = 'en'] = match;
    const entry = byVersion.get(version) ?? {};
    entry[language as Language] = fs.readFileSync(path.join(contentDir, file), 'utf8');
    byVersion.set(version, entry);
  }
  const documents = [...byVersion.entries()].sort(([a], [b]) => a.localeCompare(b));
  if (documents.length === 0) throw new Error(`No privacy policy found in ${contentDir}.`);
  return documents.map(([version, texts]) => {
    const complete = {} as PolicyDocument['texts'];
    for (const language of languages) {
      const text = texts[language];
      if (text === undefined) throw new Error(`Privacy policy ${version} has no ${language} text.`);
      complete[language] = { title: titleOf(text, 'Privacy policy'), text };
    }
    return { version, texts: complete };
  });
}

export class PolicyService {
  private readonly current: PolicyDocument;

  constructor(documents: PolicyDocument[]) {
    const newest = documents.at(-1);
    if (!newest) throw new Error('PolicyService needs at least one policy version.');
    this.current = newest;
  }

  get currentVersion(): string {
    return this.current.version;
  }

  isCurrent(version: string): boolean {
    return version === this.current.version;
  }

  view(language: Language): PolicyView {
    const { title, text } = this.current.texts[language];
    return { version: this.current.version, language, title, effectiveDate: this.current.version, text };
  }
}
