// The search page's behaviour: show the search box, ask this language's
// Pagefind index, list the results and say how many in a live region.
import { excerptNodes } from './search-excerpt';

interface Messages {
  loading: string;
  none: string;
  failed: string;
  results: Record<string, string>;
}
interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
  search(query: string): Promise<{ results: PagefindResult[] }>;
}

const form = document.querySelector<HTMLFormElement>('#portal-search');
const input = document.querySelector<HTMLInputElement>('#search-query');
const status = document.querySelector<HTMLElement>('#search-status');
const list = document.querySelector<HTMLOListElement>('#search-results');

if (form && input && status && list) {
  const messages = JSON.parse(form.dataset.messages ?? '{}') as Messages;
  const plural = new Intl.PluralRules(form.dataset.lang);
  let pagefind: Promise<Pagefind> | undefined;
  const load = () =>
    (pagefind ??= import(
      /* @vite-ignore */ new URL('/pagefind/pagefind.js', window.location.origin).href
    ) as Promise<Pagefind>);
  const say = (text: string) => {
    status.textContent = text;
  };
  let latest = 0;

  async function run(query: string) {
    const ticket = ++latest;
    list!.replaceChildren();
    if (!query.trim()) return say('');
    say(messages.loading);
    try {
      const search = await (await load()).search(query);
      const found = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
      if (ticket !== latest) return;
      if (found.length === 0) return say(messages.none.replace('{query}', query));
      for (const page of found) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.className = 'govuk-link govuk-!-font-size-24';
        link.href = page.url;
        link.textContent = page.meta.title ?? page.url;
        const excerpt = document.createElement('p');
        excerpt.className = 'govuk-body';
        excerpt.append(...excerptNodes(page.excerpt, document));
        item.append(link, excerpt);
        list!.append(item);
      }
      const form = plural.select(found.length);
      const template = messages.results[form] || messages.results.other || '';
      say(template.replace('{count}', String(found.length)).replace('{query}', query));
    } catch {
      if (ticket === latest) say(messages.failed);
    }
  }

  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set('q', input.value);
    history.replaceState(null, '', url);
    void run(input.value);
  });
  const initial = new URLSearchParams(window.location.search).get('q');
  if (initial) {
    input.value = initial;
    void run(initial);
  }
}
