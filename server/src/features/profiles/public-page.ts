/**
 * The public page at /u/:handle, rendered on the server so that a link preview shows the person
 * (title, description and Open Graph tags) instead of an empty app shell. Every value is escaped.
 */
import { curatedInterestLabels, type Language, type PublicProfileView } from '@airtalk/contracts';

const TEXT = {
  en: {
    age: (age: number) => `${age} years old`,
    interests: 'Interests',
    languages: 'Speaks',
    join: 'Meet people on Airtalk',
    notice: 'This page shows only what its owner chose to publish.',
    missingTitle: 'Page not found',
    missingBody: 'This page does not exist, or its owner took it down.',
    fallbackDescription: 'A profile on Airtalk, where adults meet new people nearby.',
  },
  zh: {
    age: (age: number) => `${age} 岁`,
    interests: '兴趣',
    languages: '语言',
    join: '在 Airtalk 认识新朋友',
    notice: '本页只显示主人选择公开的内容。',
    missingTitle: '页面不存在',
    missingBody: '该页面不存在，或者主人已取消公开。',
    fallbackDescription: 'Airtalk 上的个人主页：成年人认识附近新朋友的地方。',
  },
} as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC",sans-serif;background:#faf6f4;color:#221b1b}
main{max-width:36rem;margin:0 auto;padding:2rem 1.25rem}.card{background:#fff;border-radius:20px;padding:1.5rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.avatar{width:72px;height:72px;border-radius:50%;display:grid;place-items:center;font-size:2rem;font-weight:700;color:#fff;background:linear-gradient(135deg,#d6336c,#7048e8)}
h1{margin:.75rem 0 .25rem;font-size:1.75rem}.meta{color:#6b5f5f;margin:0}.bio{white-space:pre-wrap}
.chips{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;list-style:none}.chips li{background:#f3e8e8;border-radius:999px;padding:.25rem .75rem}
.avatar{object-fit:cover}.photos{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:.5rem;margin-top:1rem}.photos img{width:100%;height:auto;border-radius:12px}
.notice{color:#6b5f5f;font-size:.875rem}a.join{display:inline-block;margin-top:1rem;background:#c2255c;color:#fff;border-radius:999px;padding:.6rem 1.2rem;text-decoration:none;font-weight:600}
@media (prefers-color-scheme:dark){body{background:#171313;color:#f3eded}.card{background:#231d1d}.chips li{background:#3a2f2f}.meta,.avatar{object-fit:cover}.photos{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:.5rem;margin-top:1rem}.photos img{width:100%;height:auto;border-radius:12px}
.notice{color:#b9acac}}`;

function page(language: Language, head: string, body: string): string {
  return `<!doctype html>
<html lang="${language === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${head}
<style>${STYLE}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

/** The first character (a whole code point, so an emoji or CJK character is not cut in half). */
function initialOf(name: string): string {
  const codePoint = name.replace(/^@/, '').codePointAt(0);
  return codePoint === undefined ? '?' : String.fromCodePoint(codePoint).toUpperCase();
}

export function renderPublicPage(view: PublicProfileView, language: Language, pageUrl: string): string {
  const text = TEXT[language];
  const name = view.nickname ?? `@${view.handle}`;
  const metaLine = [view.age === undefined ? null : text.age(view.age), view.city ?? null].filter(Boolean).join(' · ');
  const description = (view.bio?.trim() || text.fallbackDescription).slice(0, 200);
  const title = `${name} · Airtalk`;
  const avatar = view.photos?.[0];
  const absolute = (url: string) => new URL(url, pageUrl).href;
  const interestLabel = (tag: string) =>
    Object.hasOwn(curatedInterestLabels, tag)
      ? curatedInterestLabels[tag as keyof typeof curatedInterestLabels][language]
      : tag;
  const list = (items: string[] | undefined) =>
    items && items.length > 0
      ? `<ul class="chips">${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
      : '';
  const head = `<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(description)}">
<meta property="og:type" content="profile">
<meta property="og:title" content="${escapeHtml(title)}">
<meta property="og:description" content="${escapeHtml(description)}">
<meta property="og:url" content="${escapeHtml(pageUrl)}">
<meta property="og:site_name" content="Airtalk">
<meta name="twitter:card" content="${avatar ? 'summary_large_image' : 'summary'}">
${avatar ? `<meta property="og:image" content="${escapeHtml(absolute(avatar.url))}">\n<meta property="og:image:width" content="${avatar.width}">\n<meta property="og:image:height" content="${avatar.height}">` : ''}
<link rel="canonical" href="${escapeHtml(pageUrl)}">`;
  const body = `<article class="card">
${
  avatar
    ? `<img class="avatar" src="${escapeHtml(avatar.url)}" width="72" height="72" alt="">`
    : `<div class="avatar" aria-hidden="true">${escapeHtml(initialOf(name))}</div>`
}
<h1>${escapeHtml(name)}</h1>
${metaLine ? `<p class="meta">${escapeHtml(metaLine)}</p>` : ''}
${view.bio ? `<p class="bio">${escapeHtml(view.bio)}</p>` : ''}
${view.interests?.length ? `<h2>${text.interests}</h2>${list(view.interests.map(interestLabel))}` : ''}
${view.languages?.length ? `<h2>${text.languages}</h2>${list(view.languages)}` : ''}
${
  view.photos && view.photos.length > 1
    ? `<div class="photos">${view.photos
        .slice(1)
        .map(
          (photo) =>
            `<img src="${escapeHtml(photo.url)}" width="${photo.width}" height="${photo.height}" alt="${escapeHtml(photo.caption ?? '')}" loading="lazy">`,
        )
        .join('')}</div>`
    : ''
}
</article>
<p class="notice">${text.notice}</p>
<a class="join" href="/">${text.join}</a>`;
  return page(language, head, body);
}

export function renderMissingPage(language: Language): string {
  const text = TEXT[language];
  return page(
    language,
    `<title>${escapeHtml(text.missingTitle)} · Airtalk</title><meta name="robots" content="noindex">`,
    `<article class="card"><h1>${text.missingTitle}</h1><p>${text.missingBody}</p></article><a class="join" href="/">${text.join}</a>`,
  );
}
