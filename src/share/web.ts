import type { Program } from '../model/types.js';
import { programView } from '../layout/view.js';
import { FragmentStore, type TemplateSet } from '../layout/templates.js';
import { blocksToHtml } from './blocks-html.js';

/** IANA names of China's one time zone (UTC+8): what people call 北京时间. */
const CHINA = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC']);

/** The template of out/program.html, inside templates/. */
export const WEB_TEMPLATE = 'web/program.hbs';

/**
 * What the web page's template gets: the booklet's view, with each talk slot of the
 * schedule also carrying its talk (speakers with affiliations, abstract), and the time zone.
 */
export function webView(program: Program) {
  const view = programView(program);
  const talkOf = new Map(view.talks.map((t) => [t.anchor, t]));
  const withTalk = <S extends { anchor: string | null }>(slot: S) => ({ ...slot, talk: (slot.anchor && talkOf.get(slot.anchor)) || null });
  return {
    ...view,
    timezone: program.forum.timezone,
    /** How the page names the zone of its times: 北京时间 for China's, else the IANA name. */
    timezoneLabel: CHINA.has(program.forum.timezone) ? '北京时间' : `${program.forum.timezone} 时间`,
    days: view.days.map((day) => ({
      ...day,
      items: day.items.map((item) => ({
        ...item,
        session: item.session && { ...item.session, slots: item.session.slots.map(withTalk) },
        slot: item.slot && withTalk(item.slot),
      })),
    })),
  };
}

/**
 * Renders templates/web/program.hbs to one HTML page. The template escapes every value
 * (Handlebars, as for the PDFs); {{markdown body}} places a fragment that is replaced here by
 * the blocks' HTML, so no text from content is ever read as markup. Throws TemplateError.
 */
export function composeWebPage(templates: TemplateSet, program: Program): string {
  const fragments = new FragmentStore();
  const html = templates.render(WEB_TEMPLATE, webView(program), fragments);
  return html.replace(/<fragment ref="(\d+)"\/>/g, (_, i: string) => blocksToHtml(fragments.items[Number(i)] ?? []));
}

/**
 * The phone pages' view: the web page's without the abstracts and the introduction, which they
 * do not show, so that editing an abstract leaves schedule-phone.pdf as it is (build --watch).
 */
export function phoneView(program: Program) {
  const view = webView(program);
  const bare = <S extends { talk: unknown }>(slot: S) => ({ ...slot, talk: null });
  return {
    ...view,
    forum: { ...view.forum, introduction: [], hasIntroduction: false },
    talks: view.talks.map((t) => ({ ...t, body: [], hasBody: false })),
    days: view.days.map((day) => ({
      ...day,
      items: day.items.map((item) => ({ ...item, session: item.session && { ...item.session, slots: item.session.slots.map(bare) }, slot: item.slot && bare(item.slot) })),
    })),
  };
}
